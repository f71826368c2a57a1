using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace QualityCity.Web.Data.Migrations.Postgres
{
    /// <summary>
    /// The registry's search index on PostgreSQL (ADR 0049): one GIN index over every character and
    /// every pair of adjacent characters of an entity's name and address, and the pairs of its name's
    /// pinyin initials (marked '#', the first pair also marked '^'), computed from the token columns the registry keeps already. It
    /// replaces the two indexes of single characters, through which a word was a phrase checked again
    /// on every row that had its characters anywhere: a word of two characters is now one exact entry.
    /// The functions are plain SQL expressions of built-in functions, which PostgreSQL inlines, so the
    /// index is used by a query that names the function and a city's partition on a shard is sent
    /// the same expression. Only local partitions get the index; a city moved to a shard before keeps
    /// the indexes it was given then and answers alike, more slowly.
    /// </summary>
    public partial class RegistrySearchGrams : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                -- The distinct pairs of adjacent characters of a text without spaces, each after a mark:
                -- the pairs that start at even places, then those that start at odd places.
                CREATE FUNCTION qc_character_pairs(compact text, mark text) RETURNS text[]
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT array_remove(array_remove(string_to_array(
                        regexp_replace(compact, '(..)|.', mark || '\1 ', 'g') || regexp_replace(substr(compact, 2), '(..)|.', mark || '\1 ', 'g'),
                        ' '), mark), '')
                $$;

                -- What a registry search looks up: the characters and pairs of the name's and the address's
                -- tokens ("聊 城 泰 昌"), the pairs of the name's initials ('#yg') and their first pair again
                -- ('^yg'), for initials typed as the beginning of a name and a later part ("yg…dl"). The helper is named with its
                -- schema: a shard evaluates this for postgres_fdw's sessions, whose search path is pg_catalog.
                CREATE FUNCTION qc_search_grams(name_tokens text, address_tokens text, name_initials text) RETURNS tsvector
                LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                    SELECT array_to_tsvector(
                        string_to_array(coalesce(name_tokens, ''), ' ')
                        || public.qc_character_pairs(replace(coalesce(name_tokens, ''), ' ', ''), '')
                        || string_to_array(coalesce(address_tokens, ''), ' ')
                        || public.qc_character_pairs(replace(coalesce(address_tokens, ''), ' ', ''), '')
                        || public.qc_character_pairs(coalesce(name_initials, ''), '#')
                        || CASE WHEN length(name_initials) >= 2 THEN ARRAY['^' || left(name_initials, 2)] ELSE '{}'::text[] END)
                $$;

                CREATE INDEX "IX_market_entities_SearchGrams" ON market_entities
                    USING gin (qc_search_grams("NameTokens", "AddressTokens", "NameInitials"));
                DROP INDEX "IX_market_entities_NameTokens";
                DROP INDEX "IX_market_entities_AddressTokens";
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX "IX_market_entities_AddressTokens" ON market_entities USING gin (to_tsvector('simple', "AddressTokens"));
                CREATE INDEX "IX_market_entities_NameTokens" ON market_entities USING gin (to_tsvector('simple', "NameTokens"));
                DROP INDEX "IX_market_entities_SearchGrams";
                DROP FUNCTION qc_search_grams(text, text, text);
                DROP FUNCTION qc_character_pairs(text, text);
                """);
        }
    }
}
