using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.UseCases;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features.Proposals;

/// <summary>Every change to an item is a named use case with one handler; pages hold no steps of their own.</summary>
public sealed partial class UseCaseTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Scenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync();
        _scenario = await Scenario.CreateAsync(_portal);
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    [Fact]
    public void EveryCommandHasExactlyOneHandlerInTheApp()
    {
        var commands = typeof(ICommand).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && (typeof(ICommand).IsAssignableFrom(t)
                || t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ICommand<>)))).ToList();
        using var scope = _portal.Services.CreateScope();

        Assert.Contains(typeof(RecordCommunication), commands);
        Assert.Contains(typeof(LinkJointHandling), commands);
        Assert.Contains(typeof(UnlinkJointHandling), commands);
        Assert.Contains(typeof(RegisterProposal), commands);
        Assert.All(UseCaseRegistration.Handlers(), h => Assert.NotNull(scope.ServiceProvider.GetService(h.Contract)));
        var handled = UseCaseRegistration.Handlers().Select(h => h.Contract.GetGenericArguments()[0]).ToList();
        Assert.Equal(handled.Count, handled.Distinct().Count());
        Assert.Equal(commands.OrderBy(c => c.Name), handled.OrderBy(c => c.Name));
    }

    [Fact]
    public void NoPageOrComponentRunsALambdaOverTheItem()
    {
        // Pages build a command; only the handlers (Features/Proposals/UseCases) name the domain step they run.
        var features = Path.Combine(Repository.Root, "ProposalPortal", "Features");
        var offenders = Directory.EnumerateFiles(features, "*.razor*", SearchOption.AllDirectories)
            .SelectMany(file => File.ReadLines(file).Select((line, i) => (file, line, i)))
            .Where(x => StepOverTheItem().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(features, x.file)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public async Task AHandlerRefusesAStaleVersionNamingWhoChangedTheItemAndSavesNothing()
    {
        var item = await _scenario.ItemAsync(ProposalState.InProgress);
        var useCases = _portal.Scoped<UseCaseDispatcher>();
        var handler = _scenario.Handler;
        RecordCommunication Call(string summary) => new(item.Id, item.Version, CommunicationStage.During, CommunicationMethod.Phone,
            _portal.Clock.Today, "提出人", summary);

        var first = await useCases.RunAsync(Call("第一次电话沟通"), handler);
        var second = await useCases.RunAsync(Call("第二次电话沟通"), _scenario.Office);

        Assert.True(first.IsOk, first.Error);
        Assert.False(second.IsOk);
        Assert.Contains("该件刚刚已被", second.Error);
        Assert.Contains("您填写的内容仍保留在本页", second.Error);
        var saved = await _portal.Scoped<ProposalService>().FindAsync(item.Id, _scenario.Office);
        Assert.Contains(saved!.Communications, c => c.Summary == "第一次电话沟通");
        Assert.DoesNotContain(saved.Communications, c => c.Summary == "第二次电话沟通");
    }

    [Fact]
    public async Task AHandlerRefusesWhatTheWorkflowRefusesInChinese()
    {
        // A section's handler may not sign off: the SignOff use case answers with the workflow's reason.
        var item = await _scenario.ItemAsync(ProposalState.AwaitingSignOff);
        var result = await _portal.Scoped<UseCase<SignOff>>().HandleAsync(new SignOff(item.Id, item.Version), _scenario.Handler);

        Assert.False(result.IsOk);
        Assert.Equal(ProposalWorkflow.WhyNot(item, WorkflowStep.SignOff, _scenario.Handler, (await _portal.Get<WorkflowContextFactory>().CreateAsync())), result.Error);
        Assert.Equal(item.Version, (await _portal.Scoped<ProposalService>().FindAsync(item.Id, _scenario.Office))!.Version);
    }

    /// <summary>A step run on the aggregate from a page: a lambda over the item, or the engine called directly.</summary>
    [GeneratedRegex(@"Func<Proposal|\.ExecuteAsync\(|ExecuteForProposerAsync|\(\s*p\s*,\s*(actor\s*,\s*)?c\s*\)\s*=>")]
    private static partial Regex StepOverTheItem();
}
