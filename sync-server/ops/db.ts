// The slice of the server's database that operations code uses: plain queries outside a transaction (VACUUM
// refuses to run inside one) and privileged transactions. The server's Db satisfies it on PGlite and PostgreSQL.
import type { Db, Queryable, Row } from '../db/types';

export type { Row };
export type OpsDb = Pick<Db, 'kind' | 'query' | 'transaction' | 'storageFault'>;
export type OpsQuery = Pick<Queryable, 'query'>;
