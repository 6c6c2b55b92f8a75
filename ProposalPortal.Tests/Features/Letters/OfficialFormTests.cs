using System.Text.RegularExpressions;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Letters;

/// <summary>
/// The file's forms (交办通知单, 签批单, 回执) as the section and the Office print them: what each says, read back with
/// poppler's pdftotext, where the notice's title sits on the GB/T 9704 page, and who may print them.
/// </summary>
public sealed class OfficialFormTests : IAsyncLifetime
{
    private const string Requirement = "测试要求：接件后三日内联系提出人。";

    private TestPortal _portal = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(settings: new Dictionary<string, string?> { ["Forms:NoticeRequirements"] = Requirement + "\n第二条要求。" });
        _scenario = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private static string NoSpace(string s) => Regex.Replace(s, @"[\s\u3000]", string.Empty);

    private async Task<byte[]> FormAsync(int id, FileForm form, Actor actor)
    {
        var result = await _portal.Scoped<OfficialForms>().ForAsync(id, form, actor);
        Assert.True(result.IsOk, result.Error);
        return result.Value!.Content;
    }

    private static string Text(byte[] pdf) => NoSpace(string.Concat(PdfInspection.PdfToText(pdf)));

    [Fact]
    public async Task TheNoticeNamesTheSectionTheItemTheFiveResponsibilitiesTheDeadlineAndTheConfiguredRequirements()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);

        var pdf = await FormAsync(item.Id, FileForm.Notice, _scenario.Handler);

        PdfInspection.AssertQpdfCheckPasses(pdf, "notice-form");
        var text = Text(pdf);
        Assert.Contains("建议提案交办通知单", text, StringComparison.Ordinal);
        Assert.Contains("承办科室测试一科", text, StringComparison.Ordinal);
        Assert.Contains(NoSpace(item.Designation), text, StringComparison.Ordinal);
        Assert.Contains($"《{item.Title}》", text, StringComparison.Ordinal);
        Assert.Contains("提出人提案人甲委员（138-0000-0001）", text, StringComparison.Ordinal);
        Assert.Contains("定领导牛副局长", text, StringComparison.Ordinal);
        Assert.Contains("定人员韩承办", text, StringComparison.Ordinal);
        Assert.Contains($"定时间{ChineseDate.Format(item.Deadline!.Value)}前答复提出人", text, StringComparison.Ordinal);
        Assert.Contains($"{ChineseDate.Format(item.FirstContactDueOn!.Value)}前与提出人联系", text, StringComparison.Ordinal);
        Assert.Contains("定责任测试一科", text, StringComparison.Ordinal);
        Assert.Contains("定质量", text, StringComparison.Ordinal);
        Assert.Contains("办理要求" + Requirement + "第二条要求。", text, StringComparison.Ordinal);
        Assert.Contains("楚雄市发展和改革局办公室", text, StringComparison.Ordinal);
        PdfInspection.RenderPng(pdf, "notice-form", dpi: 80);
    }

    [Fact]
    public async Task TheNoticesTitleSitsOnTheFirstLinesOfTheGb9704TypeAreaCentredIn2Hao()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);
        var page = PdfInspection.Read(await FormAsync(item.Id, FileForm.Notice, _scenario.Office))[0];
        var grid = FormPdf.Grid;
        double BaselineOf(int line, double size) => grid.LineTop(line) + (grid.LinePitch - size) / 2 + 0.88 * size;

        var title = page.Glyphs.Where(g => Math.Abs(g.FontSize - FormPdf.TitleSize) < 0.5).ToList();
        Assert.Equal("楚雄市发展和改革局建议提案交办通知单", string.Concat(title.Select(g => g.Text)));
        // 天头 37 mm: the title's first line is the type area's first grid line, its second the next; both centred.
        var lines = title.GroupBy(g => Math.Round(g.Baseline, 1)).OrderBy(g => g.Key).ToList();
        Assert.Equal(2, lines.Count);
        Assert.Equal(BaselineOf(0, FormPdf.TitleSize), lines[0].Key, 1.5);
        Assert.Equal(BaselineOf(1, FormPdf.TitleSize), lines[1].Key, 1.5);
        Assert.Equal(37 * 72 / 25.4, grid.Top, 0.1);
        foreach (var line in lines)
        {
            var glyphs = line.OrderBy(g => g.Left).ToList();
            Assert.Equal((grid.Left + grid.Right) / 2, (glyphs[0].Left + glyphs[^1].Left + glyphs[^1].Width) / 2, 2.0);
        }

        Assert.Equal(595, page.Width, 1.0);
        Assert.Equal(842, page.Height, 1.0);
        // The body is 3号 on the grid: the table's text starts inside the 订口 of 28 mm.
        Assert.All(page.Glyphs.Where(g => Math.Abs(g.FontSize - 16) < 0.5), g => Assert.True(g.Left >= grid.Left - 0.5, $"{g.Text} at {g.Left}"));
    }

    [Fact]
    public async Task TheApprovalFormGivesDraftingReviewAndSignOffWithNamesDatesAndOpinions()
    {
        var item = await _scenario.ItemAsync(ProposalState.UnderReview);
        var (handler, deputy, director) = (_scenario.Handler, _scenario.Deputy, _scenario.Director);
        await _scenario.StepAsync(item.Id, deputy, (p, c) => p.SendBackFromReview(deputy, "请补充充电桩建设数据", c));
        await _scenario.StepAsync(item.Id, handler, (p, c) => p.SaveDraft(handler, ProposalBuilder.Draft(), c));
        await _scenario.StepAsync(item.Id, handler, (p, c) => p.SubmitForReview(handler, c));
        await _scenario.StepAsync(item.Id, deputy, (p, c) => p.ApproveReview(deputy, "同意，报局长签发", c));

        var before = Text(await FormAsync(item.Id, FileForm.Approval, handler));
        Assert.Contains("建议提案答复签批单", before, StringComparison.Ordinal);
        Assert.Contains("文号签发时编号", before, StringComparison.Ordinal);
        Assert.Contains("办理类别" + ResultCategory.A.ToChinese() + "公开属性", before, StringComparison.Ordinal);
        Assert.Contains("拟稿测试一科韩承办", before, StringComparison.Ordinal);
        var today = ChineseDate.Format(_portal.Clock.Today);
        Assert.Contains($"退回修改：请补充充电桩建设数据（牛副局长{today}）", before, StringComparison.Ordinal);
        Assert.Contains($"同意，报局长签发（牛副局长{today}）", before, StringComparison.Ordinal);
        Assert.DoesNotContain("马局长", before, StringComparison.Ordinal);

        var service = _portal.Scoped<ProposalService>();
        var signed = await service.SignOffAsync(item.Id, (await _scenario.FindAsync(item.Id)).Version, director);
        Assert.True(signed.IsOk, signed.Error);
        var after = Text(await FormAsync(item.Id, FileForm.Approval, _scenario.Office));
        var number = (await _scenario.FindAsync(item.Id)).CurrentReply!.DocumentNumber!;
        Assert.Contains("文号" + number, after, StringComparison.Ordinal);
        Assert.Contains($"签发意见同意签发。（马局长{today}）", after, StringComparison.Ordinal);
        PdfInspection.RenderPng(await FormAsync(item.Id, FileForm.Approval, _scenario.Office), "approval-form", dpi: 80);
    }

    [Fact]
    public async Task TheReceiptNamesTheSectionTheHandlerWhenItWasReceivedAndHowItWasAnswered()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);

        var open = Text(await FormAsync(item.Id, FileForm.Receipt, _scenario.Handler));
        Assert.Contains("建议提案办理回执", open, StringComparison.Ordinal);
        Assert.Contains("承办科室测试一科", open, StringComparison.Ordinal);
        Assert.Contains("承办人韩承办", open, StringComparison.Ordinal);
        Assert.Contains("签收日期" + ChineseDate.Format(_portal.Clock.Today), open, StringComparison.Ordinal);
        Assert.Contains("办理时限" + ChineseDate.Format(item.Deadline!.Value), open, StringComparison.Ordinal);
        Assert.Contains("签收人（签名）：", open, StringComparison.Ordinal);
        Assert.DoesNotContain("答复提出人", open, StringComparison.Ordinal);
        PdfInspection.RenderPng(await FormAsync(item.Id, FileForm.Receipt, _scenario.Handler), "receipt-form", dpi: 80);

        var replied = await _scenario.ItemAsync(ProposalState.Replied);
        var answered = Text(await FormAsync(replied.Id, FileForm.Receipt, _scenario.Office));
        Assert.Contains($"答复情况已于{ChineseDate.Format(replied.CurrentReply!.IssuedOn!.Value)}以{replied.CurrentReply.DocumentNumber}答复提出人，办理类别A类", answered, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyStaffWhoMaySeeTheItemPrintItsFormsAndAnItemWithoutTheirStepHasNone()
    {
        var item = await _scenario.ItemAsync(ProposalState.Drafted);
        var forms = _portal.Scoped<OfficialForms>();

        foreach (var actor in new[] { _scenario.Handler, _scenario.Deputy, _scenario.Director, _scenario.Office })
        {
            foreach (var form in Enum.GetValues<FileForm>())
            {
                Assert.True((await forms.ForAsync(item.Id, form, actor)).IsOk, $"{actor.Name} {form}");
            }
        }

        foreach (var actor in new[] { _scenario.OtherHandler, Actor.Proposer(item.Proposers[0].Id, "提案人甲") })
        {
            foreach (var form in Enum.GetValues<FileForm>())
            {
                var refused = await forms.ForAsync(item.Id, form, actor);
                Assert.Equal(404, LetterEndpoints.StatusOf(refused.Kind));
                Assert.Equal("找不到该件，或您无权查看该件", refused.Error);
            }
        }

        var accepted = await _scenario.ItemAsync(ProposalState.Accepted);
        var notice = await forms.ForAsync(accepted.Id, FileForm.Notice, _scenario.Office);
        Assert.Equal("该件尚未落实五定（承办科室、责任领导、承办人），没有交办通知单", notice.Error);
        var approval = await forms.ForAsync(accepted.Id, FileForm.Approval, _scenario.Office);
        Assert.Equal("该件尚无答复稿，没有签批单", approval.Error);
    }
}
