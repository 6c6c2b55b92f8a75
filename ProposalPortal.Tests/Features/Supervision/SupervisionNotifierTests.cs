using ProposalPortal.Domain.Proposals;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Supervision;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Supervision;

/// <summary>What reaches the boards: every committed change once, an import as one change, a refusal never.</summary>
public sealed class SupervisionNotifierTests
{
    private static ProposalRegistration Row(int number) => new(2026, ProposalKind.Suggestion, Level.City, "市人大十九届一次会议", number,
        $"导入的建议{number}", null, [new Proposer("李四")], [], new DateOnly(2026, 11, 20), HandlingRole.Lead);

    [Fact]
    public async Task AnImportIsOneChangeAndARefusedStepIsNone()
    {
        await using var portal = await TestPortal.StartAsync();
        var world = await Scenario.CreateAsync(portal);
        var heard = new List<SupervisionChange>();
        using var subscription = portal.Get<ISupervisionNotifier>().Subscribe(c =>
        {
            lock (heard)
            {
                heard.Add(c);
            }

            return Task.CompletedTask;
        });
        var service = portal.Scoped<ProposalService>();

        var (imported, result) = await service.RegisterManyAsync([Row(1), Row(2), Row(3)], world.Office);
        Assert.True(result.IsOk, result.Error);
        var import = Assert.Single(heard);
        Assert.Equal(SupervisionChangeKind.Registration, import.Kind);
        Assert.Equal(imported.Select(p => p.Id), import.ProposalIds);
        Assert.Equal($"{world.Office.Name}导入3件建议提案", import.Summary);
        Assert.Empty(import.SectionIds); // no section has them yet: only leaders, the Office and displays hear of it
        Assert.False(import.IsVisibleTo(world.Handler.SectionId));
        Assert.True(import.IsVisibleTo(null));

        // A section cannot accept an item: refused, nothing saved, nothing heard.
        var refused = await service.ExecuteAsync(imported[0].Id, imported[0].Version, world.Handler, (p, c) => p.Accept(world.Handler, c));
        Assert.False(refused.IsOk);
        Assert.Single(heard);

        // The same list again is refused as a whole: nothing heard either.
        var (_, again) = await service.RegisterManyAsync([Row(3)], world.Office);
        Assert.False(again.IsOk);
        Assert.Single(heard);
    }

    [Fact]
    public async Task AFailingSubscriberNeitherFailsTheSaveNorKeepsTheChangeFromTheOthers()
    {
        await using var portal = await TestPortal.StartAsync();
        var world = await Scenario.CreateAsync(portal);
        var notifier = portal.Get<ISupervisionNotifier>();
        using var broken = notifier.Subscribe(_ => throw new InvalidOperationException("a closed circuit"));
        var heard = 0;
        var second = notifier.Subscribe(_ =>
        {
            Interlocked.Increment(ref heard);
            return Task.CompletedTask;
        });

        var id = await world.StartedItemAsync(1, new DateOnly(2026, 11, 20));

        Assert.Equal(3, heard); // registration, 签收, 落实五定 (which starts the handling in the same save)
        second.Dispose();
        await world.StepAsync(id, world.Office, (p, c) => p.Chase(world.Office, "请抓紧", c));
        Assert.Equal(3, heard);
        Assert.Single((await world.FindAsync(id)).Chases);
    }
}
