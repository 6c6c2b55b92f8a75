using ProposalPortal.Features.Publication;

namespace ProposalPortal.Tests.Features.Publication;

/// <summary>The bigram tokens that let FTS5 find two-character Chinese words.</summary>
public sealed class PublicSearchIndexTests
{
    [Fact]
    public void ChineseRunsBecomeOverlappingBigramsAndOtherWordsStayWhole()
    {
        Assert.Equal("光伏 伏发 发电 2022 年 pv", PublicSearchIndex.Tokens("光伏发电，2022年PV"));
    }

    [Theory]
    [InlineData("光伏", "\"光伏\"")]
    [InlineData("光伏 发电", "\"光伏\" AND \"发电\"")]
    [InlineData("光", "\"光\"*")]
    [InlineData("\"光伏\" OR NEAR(", "\"光伏\" AND \"or\" AND \"near\"")]
    [InlineData("  ，。 ", null)]
    public void QueriesUseTheSameBigramsAndLetNoSyntaxThrough(string typed, string? expected)
    {
        Assert.Equal(expected, PublicSearchIndex.Query(typed));
    }
}
