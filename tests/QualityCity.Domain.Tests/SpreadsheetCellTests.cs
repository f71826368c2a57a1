using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Common;

namespace QualityCity.Domain.Tests;

/// <summary>
/// The formula-injection rule of every CSV and Excel export: a cell that begins with = + - @ tab or
/// carriage return gets an apostrophe unless it is a plain number; imports take the apostrophe off.
/// </summary>
public sealed class SpreadsheetCellTests
{
    private const string Triggers = "=+-@\t\r";

    // ---- examples ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-1+1", "'-1+1")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0")]
    [InlineData("-", "'-")]
    [InlineData("+86 635 8241234", "'+86 635 8241234")]
    [InlineData("-1,000", "'-1,000")]
    [InlineData("-Infinity", "'-Infinity")]
    [InlineData("-NaN", "'-NaN")]
    [InlineData("-3.5 ", "'-3.5 ")]
    [InlineData("-1e", "'-1e")]
    [InlineData("-.", "'-.")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("-1.2.3", "'-1.2.3")]
    public void A_cell_that_a_spreadsheet_would_run_gets_an_apostrophe(string cell, string expected)
    {
        Assert.True(SpreadsheetCell.IsDangerous(cell));
        Assert.Equal(expected, SpreadsheetCell.Neutralise(cell));
    }

    [Theory]
    [InlineData("-3.5")]
    [InlineData("+12")]
    [InlineData("-0.001")]
    [InlineData("-1E-05")]
    [InlineData("+1e+5")]
    [InlineData("-.5")]
    [InlineData("-5.")]
    [InlineData("-0")]
    public void A_signed_plain_number_stays_as_it_is(string number)
    {
        Assert.True(SpreadsheetCell.IsPlainNumber(number));
        Assert.False(SpreadsheetCell.IsDangerous(number));
        Assert.Equal(number, SpreadsheetCell.Neutralise(number));
    }

    [Theory]
    [InlineData("聊城泰昌线缆有限公司（演示）")]
    [InlineData("3.5")]
    [InlineData("1e5")]
    [InlineData("0635-8241234")]
    [InlineData(" =1")]
    [InlineData("a=b")]
    [InlineData("'=already text")]
    [InlineData("≤ 7.41")]
    [InlineData("－1+1")] // full-width minus: not read as a formula
    [InlineData("")]
    public void Text_that_does_not_begin_with_a_trigger_is_unchanged(string text)
    {
        Assert.Equal(text, SpreadsheetCell.Neutralise(text));
    }

    [Fact]
    public void Null_stays_null_and_is_an_empty_csv_field()
    {
        Assert.Null(SpreadsheetCell.Neutralise(null));
        Assert.Equal(string.Empty, SpreadsheetCell.CsvField(null));
        Assert.Equal(string.Empty, SpreadsheetCell.CsvField(string.Empty));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"")]
    [InlineData("\r=1", "\"'\r=1\"")]
    [InlineData("-3.5", "-3.5")]
    public void A_csv_field_is_neutralised_then_quoted_as_rfc_4180_requires(string value, string expected)
    {
        Assert.Equal(expected, SpreadsheetCell.CsvField(value));
    }

    [Fact]
    public void Workbook_values_other_than_text_are_kept_and_text_is_neutralised()
    {
        var day = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Unspecified);
        var row = SpreadsheetCell.NeutraliseRow(new Dictionary<string, object?>
        {
            ["name"] = "=1+1", ["measured"] = "-3.5", ["count"] = -3, ["rate"] = -0.25, ["day"] = day, ["flag"] = true, ["empty"] = null,
        });

        Assert.Equal("'=1+1", row["name"]);
        Assert.Equal("-3.5", row["measured"]);
        Assert.Equal(-3, row["count"]);
        Assert.Equal(-0.25, row["rate"]);
        Assert.Equal(day, row["day"]);
        Assert.Equal(true, row["flag"]);
        Assert.Null(row["empty"]);
        Assert.Equal(["name", "measured", "count", "rate", "day", "flag", "empty"], row.Keys);
    }

    [Theory]
    [InlineData("'=1+1", "=1+1")]
    [InlineData("'+1+1", "+1+1")]
    [InlineData("'-1+1", "-1+1")]
    [InlineData("'@SUM(A1)", "@SUM(A1)")]
    [InlineData("'\t=1", "\t=1")]
    [InlineData("'\r=1", "\r=1")]
    [InlineData("'-3.5", "-3.5")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("'", "'")]
    [InlineData("''=1", "''=1")]
    [InlineData("=1", "=1")]
    [InlineData("-3.5", "-3.5")]
    public void Restore_takes_off_only_an_apostrophe_in_front_of_a_trigger(string cell, string expected)
    {
        Assert.Equal(expected, SpreadsheetCell.Restore(cell));
    }

    // ---- properties --------------------------------------------------------------------------------

    /// <summary>Cells biased towards the edges: triggers, apostrophes, numbers, separators and quotes.</summary>
    private static Arbitrary<string?> Cells() => CellGenerator().ToArbitrary();

    private static Gen<string?> CellGenerator()
    {
        var starts = Gen.Elements("", "=", "+", "-", "@", "\t", "\r", "'", "'=", "'-", "-1", "+0.5", "-1e", " ", "\"", ",", "\n", "聊城");
        var tail = Gen.Elements("0123456789.eE+-=@'\"\t\r\n, aZ电缆（）|!$".ToCharArray()).ArrayOf().Select(chars => new string(chars));
        var numbers = Gen.OneOf(
            ArbMap.Default.GeneratorFor<double>().Where(double.IsFinite).Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
            ArbMap.Default.GeneratorFor<decimal>().Select(d => d.ToString(CultureInfo.InvariantCulture)),
            ArbMap.Default.GeneratorFor<int>().Select(i => i >= 0 ? "+" + i.ToString(CultureInfo.InvariantCulture) : i.ToString(CultureInfo.InvariantCulture)));
        var text = from start in starts from rest in tail select start + rest;
        return Gen.Frequency((6, text.Select(s => (string?)s)), (2, numbers.Select(s => (string?)s)), (1, Gen.Constant((string?)null)));
    }

    [Property(MaxTest = 1000)]
    public Property No_neutralised_cell_begins_with_a_trigger_unless_it_is_a_plain_number() =>
        Prop.ForAll(Cells(), cell =>
        {
            var safe = SpreadsheetCell.Neutralise(cell);
            return string.IsNullOrEmpty(safe) || !Triggers.Contains(safe[0], StringComparison.Ordinal) || SpreadsheetCell.IsPlainNumber(safe);
        });

    [Property(MaxTest = 1000)]
    public Property Neutralising_is_idempotent() =>
        Prop.ForAll(Cells(), cell => SpreadsheetCell.Neutralise(SpreadsheetCell.Neutralise(cell)) == SpreadsheetCell.Neutralise(cell));

    [Property(MaxTest = 1000)]
    public Property A_cell_that_does_not_begin_with_a_trigger_is_unchanged() =>
        Prop.ForAll(Cells(), cell =>
            (cell is { Length: > 0 } && Triggers.Contains(cell[0], StringComparison.Ordinal)) || SpreadsheetCell.Neutralise(cell) == cell);

    [Property(MaxTest = 1000)]
    public Property Numbers_as_dotnet_writes_them_are_plain_numbers_and_stay_numbers() =>
        Prop.ForAll(ArbMap.Default.ArbFor<double>().Filter(double.IsFinite), ArbMap.Default.ArbFor<decimal>(), (d, m) =>
        {
            var r = d.ToString("R", CultureInfo.InvariantCulture);
            var g = m.ToString(CultureInfo.InvariantCulture);
            return SpreadsheetCell.IsPlainNumber(r) && SpreadsheetCell.Neutralise(r) == r && SpreadsheetCell.IsPlainNumber(g) && SpreadsheetCell.Neutralise(g) == g
                   && double.Parse(r, NumberStyles.Float, CultureInfo.InvariantCulture).Equals(d);
        });

    [Property(MaxTest = 1000)]
    public Property Restore_undoes_neutralise_for_every_cell_that_did_not_already_begin_with_an_apostrophe_and_a_trigger() =>
        Prop.ForAll(Cells(), cell =>
            (cell is { Length: >= 2 } && cell[0] == '\'' && Triggers.Contains(cell[1], StringComparison.Ordinal))
            || SpreadsheetCell.Restore(SpreadsheetCell.Neutralise(cell)) == cell);

    [Property(MaxTest = 1000)]
    public Property A_csv_line_of_fields_parses_back_to_the_neutralised_cells_none_of_which_a_spreadsheet_would_run() =>
        Prop.ForAll(CellGenerator().ArrayOf().Where(cells => cells.Length > 0).ToArbitrary(), cells =>
        {
            var line = string.Join(",", cells.Select(SpreadsheetCell.CsvField));
            var parsed = ParseCsvLine(line);
            return parsed.SequenceEqual(cells.Select(c => SpreadsheetCell.Neutralise(c) ?? string.Empty))
                   && parsed.All(field => field.Length == 0 || !Triggers.Contains(field[0], StringComparison.Ordinal) || SpreadsheetCell.IsPlainNumber(field));
        });

    /// <summary>An RFC 4180 reader for one record (fields may hold line breaks inside quotes).</summary>
    private static List<string> ParseCsvLine(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                Assert.False(c is '"' or '\n' or '\r', $"unquoted {(int)c} in {line}");
                field.Append(c);
            }
        }

        Assert.False(quoted, "unterminated quote");
        fields.Add(field.ToString());
        return fields;
    }
}
