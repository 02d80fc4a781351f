#include "dbdrivers/postgres/reflect_queries.hpp"

namespace migsafe::dbdrivers::postgres {
namespace {

// A plain or partitioned table (not a partition) of a schema read: `c` is its
// pg_class row, `n` its pg_namespace row. name[] rather than text[]: a name longer than
// 63 bytes is cut as a name literal is, so the match is the one `IN ('...')` made.
const std::string reflected_table =
    " c.relkind IN ('r','p') AND NOT c.relispartition AND n.nspname = ANY($1::name[]) ";
// The per-table queries read every table of the schemas, or ($2, an oid[]) only those a
// reflection must read again (reflect_memory.hpp).
const std::string only_listed_tables = " AND c.oid = ANY($2::oid[]) ";

const std::string in_reflected_table =
    " JOIN pg_class c ON c.oid = {rel} "
    "JOIN pg_namespace n ON n.oid = c.relnamespace ";

std::string join_reflected_table(const std::string& rel) {
  std::string s = in_reflected_table;
  s.replace(s.find("{rel}"), 5, rel);
  return s;
}

// Comments through pg_description directly: obj_description/col_description are SQL
// functions run once per row, 3.5 ms of the columns query on a hundred tables. A
// subquery per table, a join for columns: the faster of the two for each.
const std::string tables_sql =
    "SELECT c.oid, n.nspname, c.relname, "
    "(SELECT ds.description FROM pg_description ds WHERE ds.objoid = c.oid "
    "AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = 0) "
    "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE" +
    reflected_table + "ORDER BY n.nspname, c.relname";

// attnum: constraints name their columns by it.
std::string columns_sql(const std::string& only) {
  return "SELECT a.attrelid, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), "
    "a.attnotnull, pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
    "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, ds.description "
    "FROM pg_attribute a" +
    join_reflected_table("a.attrelid") +
    "JOIN pg_type t ON t.oid = a.atttypid "
    "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
    "LEFT JOIN pg_description ds ON ds.objoid = a.attrelid "
    "AND ds.classoid = 'pg_class'::regclass AND ds.objsubid = a.attnum "
    "WHERE" +
    reflected_table + only +
    "AND a.attnum > 0 AND NOT a.attisdropped "
    "ORDER BY a.attrelid, a.attnum";
}

// Columns as attnums (conkey, confkey), named from the columns query: a join to
// pg_attribute per column was a query of its own. Only a CHECK's definition is read:
// deparsing every key's too was a quarter of the query's time.
std::string constraints_sql(bool has_nulls_not_distinct, const std::string& only) {
  return "SELECT con.conrelid, con.conname, con.contype, "
         "CASE WHEN con.contype = 'c' THEN pg_get_constraintdef(con.oid, true) END, "
         "fn.nspname, fc.relname, con.confdeltype, con.confupdtype, con.condeferrable, "
         "con.condeferred, " +
         std::string(has_nulls_not_distinct ? "COALESCE(ci.indnullsnotdistinct, false)" : "false") +
         ", con.conkey, con.confrelid, con.confkey "
         "FROM pg_constraint con" +
         join_reflected_table("con.conrelid") +
         "LEFT JOIN pg_class fc ON fc.oid = con.confrelid "
         "LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
         "LEFT JOIN pg_index ci ON ci.indexrelid = con.conindid AND con.contype = 'u' "
         "WHERE" +
         reflected_table + only +
         "AND con.contype IN ('p','u','c','f') "
         "ORDER BY con.conrelid, con.conname";
}

const std::string referred_columns_sql =
    "SELECT a.attrelid, a.attnum, a.attname FROM pg_attribute a "
    "WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped";

// An index and its columns in one query, the index's own fields repeated on each of its
// column rows. Indexes that back a PK/unique/exclusion constraint are that
// constraint's business. LEFT JOIN: an index keeps its row even without columns.
std::string indexes_sql(bool has_nulls_not_distinct, const std::string& only) {
  return "SELECT i.indexrelid, i.indrelid, ic.relname, i.indisunique, am.amname, "
         "pg_get_expr(i.indpred, i.indrelid, true), " +
         std::string(has_nulls_not_distinct ? "i.indnullsnotdistinct" : "false") +
         ", k.n, pg_get_indexdef(i.indexrelid, k.n, true), k.n > i.indnkeyatts, "
         "i.indoption[k.n - 1] "
         "FROM pg_index i" +
         join_reflected_table("i.indrelid") +
         "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_am am ON am.oid = ic.relam "
         "LEFT JOIN LATERAL generate_series(1, i.indnatts::int) k(n) ON true "
         "WHERE" +
         reflected_table + only +
         "AND NOT EXISTS (SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid "
         "AND con.conrelid = i.indrelid AND con.contype IN ('p','u','x')) "
         "ORDER BY i.indrelid, ic.relname, i.indexrelid, k.n";
}

const std::string enums_sql =
    "SELECT n.nspname, t.typname, e.enumlabel FROM pg_type t "
    "JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid "
    "WHERE n.nspname = ANY($1::name[]) ORDER BY n.nspname, t.typname, e.enumsortorder";

const std::string sequences_sql =
    "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, "
    "s.seqincrement, "
    "(SELECT dc.relname || '.' || a.attname FROM pg_depend d "
    "JOIN pg_class dc ON dc.oid = d.refobjid "
    "JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
    "WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid "
    "AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a','i') LIMIT 1) "
    "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
    "JOIN pg_namespace n ON n.oid = c.relnamespace "
    "WHERE n.nspname = ANY($1::name[]) ORDER BY n.nspname, c.relname";

// What the catalogs hold for each user object, as (kind, oid, row count, newest row
// version): reflect_memory.hpp says what each kind is for. A row's xmin is the
// transaction that wrote it. In a scratch database migsafe's steps write one after the
// other, so a transaction that commits after a reflection began after it and has a
// higher xid: a group of rows that gained, lost or rewrote a row shows a new count or a
// newer xmin. Objects below FirstNormalObjectId (16384) are the system's and never change.
const std::string catalog_versions_sql =
    "SELECT CASE WHEN c.relkind IN ('r','p') THEN 't' WHEN c.relkind = 'S' THEN 'S' "
    "ELSE 'k' END, c.oid, 0::bigint, c.xmin::text::bigint FROM pg_class c "
    "WHERE c.oid >= 16384 AND c.relkind IN ('r','p','i','I','S') "
    "AND c.relnamespace <> 'pg_toast'::regnamespace "
    // A column of a user type (enum, domain, composite, a table's row type) also shows
    // that type's name: its pg_type row counts as one of the column's.
    "UNION ALL SELECT 'a', a.attrelid, count(*), max(greatest(a.xmin::text::bigint, "
    "CASE WHEN a.atttypid >= 16384 THEN (SELECT t.xmin::text::bigint FROM pg_type t "
    "WHERE t.oid = a.atttypid) END)) FROM pg_class c "
    "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 "
    "WHERE c.oid >= 16384 AND c.relkind IN ('r','p') GROUP BY a.attrelid "
    "UNION ALL SELECT 'd', adrelid, count(*), max(xmin::text::bigint) FROM pg_attrdef "
    "WHERE adrelid >= 16384 GROUP BY adrelid "
    "UNION ALL SELECT 'c', conrelid, count(*), max(xmin::text::bigint) FROM pg_constraint "
    "WHERE conrelid >= 16384 GROUP BY conrelid "
    "UNION ALL SELECT 'i', indrelid, count(*), max(xmin::text::bigint) FROM pg_index "
    "WHERE indrelid >= 16384 GROUP BY indrelid "
    "UNION ALL SELECT 'p', objoid, count(*), max(xmin::text::bigint) FROM pg_description "
    "WHERE classoid = 'pg_class'::regclass AND objoid >= 16384 GROUP BY objoid "
    "UNION ALL SELECT 'T', t.oid, 0, t.xmin::text::bigint FROM pg_type t "
    "WHERE t.oid >= 16384 AND t.typcategory <> 'A' AND (t.typrelid = 0 OR "
    "EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = t.typrelid AND r.relkind = 'c')) "
    "UNION ALL SELECT 'E', enumtypid, count(*), max(xmin::text::bigint) FROM pg_enum "
    "WHERE enumtypid >= 16384 GROUP BY enumtypid "
    "UNION ALL SELECT 'F', oid, 0, xmin::text::bigint FROM pg_proc WHERE oid >= 16384 "
    "UNION ALL SELECT 'N', oid, 0, xmin::text::bigint FROM pg_namespace "
    "UNION ALL SELECT 'C', oid, 0, xmin::text::bigint FROM pg_collation WHERE oid >= 16384 "
    "UNION ALL SELECT 'I', oid, "
    "(extract(epoch FROM pg_postmaster_start_time()) * 1000000)::bigint, 0 "
    "FROM pg_database WHERE datname = current_database()";

// For servers with (PostgreSQL 15+) or without NULLS NOT DISTINCT. The names differ
// wherever the texts do: libpqxx refuses a name prepared twice with two texts on one
// connection.
std::vector<PreparedQuery> queries(bool has_nulls_not_distinct) {
  const std::string suffix = has_nulls_not_distinct ? "" : "_pg14";
  return {
      {"migsafe_reflect_tables", tables_sql},
      {"migsafe_reflect_columns", columns_sql("")},
      {"migsafe_reflect_constraints" + suffix, constraints_sql(has_nulls_not_distinct, "")},
      {"migsafe_reflect_referred_columns", referred_columns_sql},
      {"migsafe_reflect_indexes" + suffix, indexes_sql(has_nulls_not_distinct, "")},
      {"migsafe_reflect_enums", enums_sql},
      {"migsafe_reflect_sequences", sequences_sql},
      {"migsafe_reflect_catalog_versions", catalog_versions_sql},
      {"migsafe_reflect_listed_columns", columns_sql(only_listed_tables)},
      {"migsafe_reflect_listed_constraints" + suffix,
       constraints_sql(has_nulls_not_distinct, only_listed_tables)},
      {"migsafe_reflect_listed_indexes" + suffix,
       indexes_sql(has_nulls_not_distinct, only_listed_tables)},
  };
}

}  // namespace

const std::vector<PreparedQuery>& catalog_queries(int server_version) {
  static const auto current = queries(true);
  static const auto before_15 = queries(false);
  return server_version >= 150000 ? current : before_15;
}

const PreparedQuery& catalog_query(CatalogQuery query, int server_version) {
  return catalog_queries(server_version).at(static_cast<std::size_t>(query));
}

std::string array_literal(const std::vector<std::string>& names) {
  std::string out = "{";
  for (const auto& name : names) {
    if (out.size() > 1) out += ',';
    out += '"';
    for (char ch : name) {
      if (ch == '"' || ch == '\\') out += '\\';
      out += ch;
    }
    out += '"';
  }
  return out + "}";
}

}  // namespace migsafe::dbdrivers::postgres
