using System.Text.Json;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Demo;

/// <summary>The seed's 2022 figures through the JSON API (rates as fractions): its subject is the demo data's 2022.</summary>
public sealed class DemoApiFiguresTests(ApiPortalFactory factory) : IClassFixture<ApiPortalFactory>
{
    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task The2022FiguresAreTheSeedsWithRatesAsFractions()
    {
        var json = await JsonAsync(await factory.WithKey(ApiPortalFactory.ReadKey).GetAsync("/api/v1/statistics/2022"));

        Assert.Equal(2022, json.GetProperty("year").GetInt32());
        Assert.Equal((20, 13, 7), (json.GetProperty("received").GetInt32(), json.GetProperty("lead").GetInt32(), json.GetProperty("assisting").GetInt32()));
        var bySource = json.GetProperty("bySource").EnumerateArray()
            .ToDictionary(s => (s.GetProperty("source").GetString(), s.GetProperty("role").GetString()), s => s.GetProperty("count").GetInt32());
        Assert.Equal(8, bySource[("市政协", "主办")]);
        Assert.Equal(1, bySource[("州政协", "主办")]);
        Assert.Equal(4, bySource[("市人大", "协办")]);
        Assert.Equal(3, bySource[("州政协", "协办")]);
        Assert.Equal(13, json.GetProperty("leadClosed").GetInt32());
        Assert.Equal(1.0, json.GetProperty("completionRate").GetDouble());
        Assert.Equal(1.0, json.GetProperty("onTimeRate").GetDouble());
        Assert.Equal(1.0, json.GetProperty("satisfactionRate").GetDouble());
        Assert.Equal(13, json.GetProperty("evaluated").GetInt32());
        Assert.Equal(13, json.GetProperty("categories").GetProperty("A").GetInt32());
        Assert.Equal(0, json.GetProperty("categories").GetProperty("D").GetInt32());
        Assert.Equal(13, json.GetProperty("published").GetInt32());
        Assert.Equal(0, json.GetProperty("overdue").GetInt32());
        Assert.Equal(0, json.GetProperty("dueSoon").GetInt32());
    }
}
