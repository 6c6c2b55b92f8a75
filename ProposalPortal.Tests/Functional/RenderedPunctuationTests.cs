using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Functional;

/// <summary>
/// What the portal really shows and writes uses full-width punctuation next to Chinese: every page and every generated
/// document (PDF letters and forms, .docx, .xlsx) is fetched from the running app, as the people who use it would,
/// and its text is read for a half-width <c>,;:()?!</c> beside a Chinese character. The source scan
/// (<see cref="Architecture.FullWidthPunctuationTests"/>) cannot see text assembled at run time or stored in data.
/// The routes come from the app itself, so a new page or document is read without being listed here.
/// </summary>
public sealed partial class RenderedPunctuationTests(RenderedPunctuationSite site) : IClassFixture<RenderedPunctuationSite>
{
    /// <summary>The scenario's people who between them may open every page: the director, the Office, the administrator, a section.</summary>
    private static readonly string[] Readers = [ScenarioSite.Director, ScenarioSite.Office, ScenarioSite.Admin, ScenarioSite.Handler];

    private PortalFactory Factory => site.Factory;

    /// <summary>
    /// Route parameters the test can fill from the scenario's year; a route with any other parameter (an attachment, a notice,
    /// a personal token) is reached through the pages that link to it, not here.
    /// </summary>
    private static readonly string[] Fillable = ["id", "year", "n", "documentName"];

    [Fact]
    public async Task EveryPageAndDocumentUsesFullWidthPunctuationNextToChinese()
    {
        var items = await ItemsAsync();
        var paths = RoutesToRead().SelectMany(route => Fill(route, items)).Distinct().ToList();
        Assert.Contains("/statistics", paths);
        Assert.Contains(paths, p => p.EndsWith("/letter", StringComparison.Ordinal));

        var findings = new List<string>();
        var read = 0;
        foreach (var reader in Readers)
        {
            // Redirects are followed: a page someone may not open ends on the refusal page, which is read as well.
            var client = Factory.CreateClient();
            await HttpSignIn.SignInAsync(client, reader, Scenario.AccountPassword);
            foreach (var path in paths)
            {
                using var response = await client.GetAsync(path);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    continue;
                }

                read++;
                var bytes = await response.Content.ReadAsByteArrayAsync();
                foreach (var text in TextsOf(response.Content.Headers.ContentType?.MediaType ?? string.Empty, bytes))
                {
                    foreach (Match m in HalfWidthNextToChinese().Matches(text))
                    {
                        findings.Add($"{path}（{reader}）：…{Around(text, m.Index)}…");
                    }
                }
            }
        }

        Assert.True(read > paths.Count, $"only {read} responses could be read");
        Assert.True(findings.Count == 0,
            $"{findings.Count} half-width mark(s) next to Chinese (use ，；：（）？！):\n" + string.Join('\n', findings.Distinct().Take(60)));
    }

    [Theory]
    [InlineData("共3件,其中", true)]
    [InlineData("备注:无", true)]
    [InlineData("（含协办）", false)]
    [InlineData("2022年8月22日 10:30", false)]
    [InlineData("A类(见附件)", true)]
    [InlineData("GB/T 9704-2012 (draft)", false)]
    public void TheCheckFlagsOnlyHalfWidthMarksBesideChinese(string text, bool flagged) =>
        Assert.Equal(flagged, HalfWidthNextToChinese().IsMatch(text));

    /// <summary>GET pages and endpoints of the portal itself, for people (not the API's JSON nor the framework's files).</summary>
    private IEnumerable<string> RoutesToRead() =>
        Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { } methods || methods.Contains("GET"))
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
            .Where(p => !p.StartsWith("/_", StringComparison.Ordinal) && !p.StartsWith("/api/", StringComparison.Ordinal)
                && !p.StartsWith("/openapi", StringComparison.Ordinal) && !p.StartsWith("/hubs/", StringComparison.Ordinal)
                && p != "/account/logout")
            // The static files (styles, scripts, fonts) have a dot; the generated documents are named by their type.
            .Where(p => !p.Contains('.', StringComparison.Ordinal) || p.EndsWith(".pdf", StringComparison.Ordinal)
                || p.EndsWith(".docx", StringComparison.Ordinal) || p.EndsWith(".xlsx", StringComparison.Ordinal))
            .Where(p => RouteParameter().Matches(p).All(m => Fillable.Contains(m.Groups[1].Value, StringComparer.OrdinalIgnoreCase)))
            .Distinct();

    /// <summary>The route with its parameters filled: once for each chosen item where it takes an id, the scenario's year.</summary>
    private IEnumerable<string> Fill(string route, IReadOnlyList<int> items)
    {
        var withYear = RouteParameter().Replace(route, m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            "year" => site.Portal.Clock.Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "n" => "1",
            "documentname" => "v1",
            _ => m.Value,
        });
        return RouteParameter().IsMatch(withYear)
            ? items.Select(id => RouteParameter().Replace(withYear, id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            : [withYear];
    }

    /// <summary>Items in every kind of state the pages and documents differ by: closed with a letter, assisting, key, open.</summary>
    private async Task<IReadOnlyList<int>> ItemsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var picks = new List<int>();
        async Task Add(IQueryable<Proposal> query)
        {
            if (await query.OrderBy(p => p.Id).Select(p => (int?)p.Id).FirstOrDefaultAsync() is { } id)
            {
                picks.Add(id);
            }
        }

        await Add(db.Proposals.Where(p => p.State == ProposalState.Closed && p.Role == HandlingRole.Lead && p.Replies.Any(r => r.SignedAt != null)));
        await Add(db.Proposals.Where(p => p.State == ProposalState.Closed && p.Role == HandlingRole.Lead && p.IsKey));
        await Add(db.Proposals.Where(p => p.Role == HandlingRole.Assisting));
        await Add(db.Proposals.Where(p => p.State == ProposalState.InProgress));
        await Add(db.Proposals.Where(p => p.State == ProposalState.Replied || p.State == ProposalState.Evaluated));
        return picks.Distinct().ToList();
    }

    /// <summary>The texts a person reads in the response, piece by piece (a text node, a PDF page, a paragraph, a cell).</summary>
    private static IEnumerable<string> TextsOf(string mediaType, byte[] bytes)
    {
        switch (mediaType)
        {
            case "text/html":
                var document = new HtmlParser().ParseDocument(System.Text.Encoding.UTF8.GetString(bytes));
                foreach (var element in document.QuerySelectorAll("script, style, template"))
                {
                    element.Remove();
                }

                foreach (var node in document.Body!.GetDescendants().OfType<IText>())
                {
                    yield return node.Data;
                }

                foreach (var element in document.All)
                {
                    foreach (var attribute in new[] { "title", "placeholder", "aria-label", "alt" })
                    {
                        if (element.GetAttribute(attribute) is { } value)
                        {
                            yield return value;
                        }
                    }
                }

                yield return document.Title ?? string.Empty;
                break;
            case "application/pdf":
                foreach (var page in PdfInspection.Read(bytes))
                {
                    yield return page.Text;
                }

                break;
            case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
                using (var word = WordprocessingDocument.Open(new MemoryStream(bytes), false))
                {
                    foreach (var paragraph in word.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Wordprocessing.Paragraph>())
                    {
                        yield return paragraph.InnerText;
                    }
                }

                break;
            case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
                using (var sheet = SpreadsheetDocument.Open(new MemoryStream(bytes), false))
                {
                    foreach (var text in sheet.WorkbookPart!.SharedStringTablePart?.SharedStringTable.Elements<DocumentFormat.OpenXml.Spreadsheet.SharedStringItem>()
                                 .Select(s => s.InnerText) ?? [])
                    {
                        yield return text;
                    }

                    foreach (var part in sheet.WorkbookPart.WorksheetParts)
                    {
                        foreach (var cell in part.Worksheet!.Descendants<DocumentFormat.OpenXml.Spreadsheet.InlineString>())
                        {
                            yield return cell.InnerText;
                        }
                    }

                    foreach (var name in sheet.WorkbookPart.Workbook!.Descendants<DocumentFormat.OpenXml.Spreadsheet.Sheet>())
                    {
                        yield return name.Name?.Value ?? string.Empty;
                    }
                }

                break;
        }
    }

    private static string Around(string text, int index)
    {
        var start = Math.Max(0, index - 12);
        return text.Substring(start, Math.Min(text.Length - start, 25)).ReplaceLineEndings(" ");
    }

    [GeneratedRegex(@"[\u4e00-\u9fff][,;:()?!]|[,;:()?!][\u4e00-\u9fff]")]
    private static partial Regex HalfWidthNextToChinese();

    [GeneratedRegex(@"\{\*{0,2}([A-Za-z]+)(?::[^{}]*(?:\{[^{}]*\}[^{}]*)*)?\}")]
    private static partial Regex RouteParameter();
}

/// <summary>
/// A scenario with an item in every kind of state the pages and documents differ by: closed with a signed letter, closed
/// key item, assisting, in progress, replied.
/// </summary>
public sealed class RenderedPunctuationSite : ScenarioSite
{
    protected override async Task BuildAsync(Scenario scenario)
    {
        await scenario.SignedItemAsync(ProposalState.Closed, published: true);
        await scenario.SignedItemAsync(ProposalState.Closed, key: true, satisfaction: Satisfaction.BasicallySatisfied);
        await scenario.AssistingItemAsync(ProposalState.Closed);
        await scenario.ItemAsync(ProposalState.InProgress);
        await scenario.SignedItemAsync(ProposalState.Replied);
    }
}
