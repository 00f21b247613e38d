/** Which engine a ledger runs on; the schema and queries are shared, a few settings are not. */
export type StoreDialect = "sqlite" | "postgres";
