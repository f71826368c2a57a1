using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Registry;

namespace QualityCity.Domain.Tests;

/// <summary>REG-4: pinyin initials of entity names, from GB2312 order plus a small table.</summary>
public sealed class PinyinInitialsTests
{
    [Theory]
    [InlineData("阳谷鑫源电缆有限公司", "ygxydlyxgs")]
    [InlineData("聊城恒达轴承科技有限公司", "lchdzckjyxgs")]
    [InlineData("临清市王记餐饮经营部（演示）", "lqswjcyjybys")]
    [InlineData("莘县丰源蔬菜种植专业合作社", "sxfysczzzyhzs")]
    [InlineData("茌平区", "cpq")]
    [InlineData("东阿县", "dax")]
    [InlineData("高唐县", "gtx")]
    [InlineData("冠县", "gx")]
    public void Names_of_the_city_get_the_initials_people_type(string name, string initials) =>
        Assert.Equal(initials, PinyinInitials.Of(name));

    [Theory]
    [InlineData("ABC电缆", "abcdl")]
    [InlineData("３Ｄ打印", "3ddy")]
    [InlineData("  阳谷·电缆 (2) ", "ygdl2")]
    [InlineData("", "")]
    public void Letters_and_digits_are_kept_in_lower_case_and_punctuation_dropped(string name, string initials) =>
        Assert.Equal(initials, PinyinInitials.Of(name));

    [Theory]
    [InlineData('啊', 'a')] // the first level-1 character
    [InlineData('八', 'b')]
    [InlineData('擦', 'c')]
    [InlineData('搭', 'd')]
    [InlineData('蛾', 'e')]
    [InlineData('发', 'f')]
    [InlineData('噶', 'g')]
    [InlineData('哈', 'h')]
    [InlineData('击', 'j')]
    [InlineData('喀', 'k')]
    [InlineData('垃', 'l')]
    [InlineData('妈', 'm')]
    [InlineData('拿', 'n')]
    [InlineData('哦', 'o')]
    [InlineData('啪', 'p')]
    [InlineData('期', 'q')]
    [InlineData('然', 'r')]
    [InlineData('撒', 's')]
    [InlineData('塌', 't')]
    [InlineData('挖', 'w')]
    [InlineData('昔', 'x')]
    [InlineData('压', 'y')]
    [InlineData('匝', 'z')]
    [InlineData('座', 'z')] // the last level-1 character
    public void Each_initial_starts_where_GB2312_puts_its_first_character(char hanzi, char initial) =>
        Assert.Equal(initial, PinyinInitials.InitialOf(hanzi));

    [Theory]
    [InlineData('鑫', 'x')]
    [InlineData('莘', 's')]
    [InlineData('茌', 'c')]
    [InlineData('昊', 'h')]
    public void Level_two_characters_of_the_city_names_come_from_the_table(char hanzi, char initial) =>
        Assert.Equal(initial, PinyinInitials.InitialOf(hanzi));

    [Theory]
    [InlineData('丂')] // GBK extension, not GB2312
    [InlineData('亍')] // level 2, not in the table
    [InlineData('a')]
    [InlineData('，')]
    public void A_character_without_a_known_initial_has_none(char c) =>
        Assert.Null(PinyinInitials.InitialOf(c));

    private static Arbitrary<string> ChineseText() =>
        Gen.ArrayOf(Gen.Choose(0x4E00, 0x9FFF).Select(c => (char)c)).Select(chars => new string(chars)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Initials_are_lower_case_letters_at_most_one_per_character() =>
        Prop.ForAll(ChineseText(), text =>
        {
            var initials = PinyinInitials.Of(text);
            return initials.Length <= text.Length && initials.All(char.IsAsciiLetterLower);
        });

    [Property(MaxTest = 300)]
    public Property The_initials_of_a_concatenation_are_the_concatenation_of_the_initials() =>
        Prop.ForAll(ChineseText(), ChineseText(), (a, b) =>
            PinyinInitials.Of(a + b) == PinyinInitials.Of(a) + PinyinInitials.Of(b));

    [Property(MaxTest = 300)]
    public Property Every_level_one_character_has_an_initial()
    {
        var gb2312 = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(936)!;
        var levelOne = Gen.Choose(0xB0, 0xD7).SelectMany(row => Gen.Choose(0xA1, row == 0xD7 ? 0xF9 : 0xFE).Select(cell => (row, cell)));
        return Prop.ForAll(levelOne.ToArbitrary(), code =>
        {
            var c = gb2312.GetString([(byte)code.row, (byte)code.cell])[0];
            return PinyinInitials.InitialOf(c) is { } initial && char.IsAsciiLetterLower(initial);
        });
    }
}
