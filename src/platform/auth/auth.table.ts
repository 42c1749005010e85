import type { Generated } from 'kysely';

export interface ApiKeysTable {
  id: Generated<number>; name: string; role: string; prefix: string; key_hash: string;
  created_at: Generated<string>; expires_at: string | null; revoked_at: string | null; last_used_at: string | null;
}

export interface AuthTables { api_keys: ApiKeysTable }
