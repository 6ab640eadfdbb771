-- v2: an expand change. The column has a default, so v1, which inserts and selects without it,
-- keeps working on this schema through the bake and a rollback. Dropping a column v1 reads would
-- be a contract change: a later release's migration, once no site runs v1 (docs/database.md).
ALTER TABLE orders ADD COLUMN note text NOT NULL DEFAULT '';
