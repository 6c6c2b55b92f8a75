using ProposalPortal.Domain;

namespace ProposalPortal.Tests.Domain;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("关于\u0001的提案", false, "“标题”含有不可见的控制字符（U+0001），请删除后再提交")]
    [InlineData("关于\u0085的提案", true, "“标题”含有不可见的控制字符（U+0085），请删除后再提交")]
    [InlineData("第一行\n第二行", false, "“标题”含有换行符或制表符（该项只能填一行），请删除后再提交")]
    [InlineData("第一行\r\n\t第二行", true, null)]
    [InlineData("😀表情与生僻字𠀀", false, null)]
    public void ControlCharactersAreRefusedAndLineBreaksOnlyWhereAFieldHoldsLines(string text, bool multiline, string? problem) =>
        Assert.Equal(problem, TextRules.WhyNot("标题", text, 300, multiline));

    [Fact]
    public void HalfASurrogatePairIsNoCharacter() =>
        Assert.Equal("“标题”含有不可见的控制字符（U+D800），请删除后再提交", TextRules.WhyNot("标题", "关于" + (char)0xD800 + "的提案", 300, true));

    [Fact]
    public void TheLimitIsTheFieldsAndTheMessageSaysBoth() =>
        Assert.Equal("第3行“标题”列过长：不能超过5个字（现有6个字）", TextRules.WhyNotInCell(3, "标题", "一二三四五六", 5, false));

    [Fact]
    public void ForXmlLeavesOutOnlyWhatXmlCannotCarry() =>
        Assert.Equal("关于\t旧数据\n😀的提案", TextRules.ForXml("关于\u0001\t旧数据\n\uFFFE😀" + (char)0xDC00 + "的提案"));
}
