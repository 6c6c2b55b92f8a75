using ProposalPortal.Data;
using Microsoft.EntityFrameworkCore;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Import;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Import;

/// <summary>
/// 承办科室 and 承办人 on the assignment list: the 五定 comes with the import (leader: the section's deputy in charge), all
/// or nothing, and a name the portal does not know is a problem of its row.
/// </summary>
public abstract class ImportResponsibilityTests : IAsyncLifetime
{
    protected abstract DatabaseProvider Provider { get; }

    private static readonly string[] Header = [.. AssignmentList.Columns, "承办科室", "承办人"];
    private TestPortal _portal = null!;
    private Scenario _world = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(provider: Provider);
        _world = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private AssignmentImportService Service => _portal.Scoped<AssignmentImportService>();

    /// <summary>The clean rows of <see cref="ImportFiles.CleanRows"/>, the first two with 承办科室 and 承办人.</summary>
    private static List<string[]> Rows(params (string Section, string Handler)[] cells) =>
        ImportFiles.CleanRows().Select((row, i) => (string[])[.. row, .. i < cells.Length ? new[] { cells[i].Section, cells[i].Handler } : ["", ""]]).ToList();

    [ProviderFact]
    public async Task RowsNamingSectionAndHandlerAreRegisteredWithTheir五定AndStartHandlingWhenAccepted()
    {
        var file = ImportFiles.Xlsx(Header, Rows(("测试一科", "韩承办"), ("测试二科", "林承办")));

        var preview = await Service.PreviewAsync("清单.xlsx", file);
        Assert.True(preview.IsClean, string.Join("；", preview.Rows.SelectMany(r => r.Problems)));
        Assert.Equal(("测试一科", "韩承办"), (preview.Rows[0].Responsibility!.SectionName, preview.Rows[0].Responsibility!.HandlerName));
        var outcome = await Service.ImportAsync("清单.xlsx", file, _world.Office);

        Assert.True(outcome.Succeeded, outcome.Outcome.Error);
        await using var db = _portal.Db();
        var items = await db.Proposals.Include(p => p.AuditTrail).OrderBy(p => p.Number).ToListAsync();
        var seven = items.Single(p => p.Number == 7);
        Assert.Equal(new Responsibility(_world.Deputy.StaffId, _world.Section.Id, _world.Handler.StaffId, null), seven.Responsibility);
        Assert.Equal(ProposalState.Registered, seven.State);
        Assert.Equal([AuditAction.Register, AuditAction.SetResponsibility], seven.AuditTrail.OrderBy(a => a.Id).Select(a => a.Action));
        Assert.Equal(_world.OtherSection.Id, items.Single(p => p.Number == 45).Responsibility!.SectionId);
        Assert.Null(items.Single(p => p.Number == 12).Responsibility);

        // 签收 is all the Office does next: the item goes straight to the handler.
        await _world.StepAsync(seven.Id, _world.Office, (p, c) => p.Accept(_world.Office, c));
        var accepted = await _world.FindAsync(seven.Id);
        Assert.Equal(ProposalState.InProgress, accepted.State);
        Assert.True(accepted.WaitingFor.Includes(_world.Handler, accepted.IsKey));
        // …and the handler hears of it then (the import itself, which only registers, owes no notice).
        await using var after = _portal.Db();
        var notices = await after.Notices.AsNoTracking().Where(n => n.ProposalId == seven.Id).ToListAsync();
        var assigned = Assert.Single(notices);
        Assert.Equal((_world.Handler.StaffId, ProposalPortal.Domain.Notices.NoticeKind.Assigned), (assigned.RecipientId, assigned.Kind));
    }

    [ProviderFact]
    public async Task AnUnknownSectionOrPersonIsARowProblemAndNothingIsImported()
    {
        var file = ImportFiles.Xlsx(Header, Rows(("测试一科", "林承办"), ("规划科", "韩承办"), ("测试一科", "")));

        var preview = await Service.PreviewAsync("清单.xlsx", file);
        var outcome = await Service.ImportAsync("清单.xlsx", file, _world.Office);

        Assert.False(preview.IsClean);
        Assert.Equal(["承办人“林承办”不是测试一科的在岗人员"], preview.Rows[0].Problems);
        Assert.Equal(["承办科室“规划科”不存在（现有科室：测试一科、测试二科）"], preview.Rows[1].Problems);
        Assert.Equal(["填写了承办科室“测试一科”，但承办人为空（落实五定须同时填写承办科室和承办人）"], preview.Rows[2].Problems);
        Assert.Null(preview.Rows[0].Registration);
        Assert.False(outcome.Succeeded);
        Assert.Equal(0, outcome.Imported);
        await using var db = _portal.Db();
        Assert.Equal(0, await db.Proposals.CountAsync());
    }

    [ProviderFact]
    public async Task AListWithoutTheColumnsImportsAsBefore()
    {
        var outcome = await Service.ImportAsync("清单.xlsx", ImportFiles.Xlsx(ImportFiles.CleanRows()), _world.Office);

        Assert.True(outcome.Succeeded, outcome.Outcome.Error);
        await using var db = _portal.Db();
        Assert.All(await db.Proposals.ToListAsync(), p => Assert.Null(p.Responsibility));
    }
}

/// <summary><see cref="ImportResponsibilityTests"/> on SQLite.</summary>
public sealed class ImportResponsibilityTestsOnSqlite : ImportResponsibilityTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

/// <summary><see cref="ImportResponsibilityTests"/> on PostgreSQL.</summary>
public sealed class ImportResponsibilityTestsOnPostgreSql : ImportResponsibilityTests, IPostgreSqlTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.PostgreSQL;
}
