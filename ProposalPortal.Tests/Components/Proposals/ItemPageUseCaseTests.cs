using Bunit;
using Microsoft.Extensions.DependencyInjection;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals.UseCases;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>The item page's dialogs run the named use cases, the same handlers the services, jobs and tests call.</summary>
public sealed class ItemPageUseCaseTests : ItemPageContext
{
    /// <summary>Lets the real handler do the work and keeps the commands it was given.</summary>
    private sealed class Recording<TCommand>(UseCase<TCommand> real) : UseCase<TCommand> where TCommand : IProposalCommand
    {
        public List<TCommand> Commands { get; } = [];

        public override Task<Result> HandleAsync(TCommand command, Actor actor, CancellationToken cancellationToken = default)
        {
            Commands.Add(command);
            return real.HandleAsync(command, actor, cancellationToken);
        }
    }

    private Recording<TCommand> Record<TCommand>() where TCommand : IProposalCommand
    {
        var recording = new Recording<TCommand>(TestPortal.Scoped<UseCase<TCommand>>());
        Services.AddSingleton<UseCase<TCommand>>(recording);
        // The page's dispatcher resolves handlers from the page's own services, where the recording sits.
        Services.AddScoped<UseCaseDispatcher>();
        return recording;
    }

    [Fact]
    public async Task LoggingACommunicationOnThePageRunsTheRecordCommunicationUseCaseOnTheVersionShown()
    {
        // Started and not yet talked about: the communication logged on the page is the item's only one.
        var id = await Scenario.StartedItemAsync(1, TestPortal.Clock.Today.AddDays(-10));
        var shown = (await FindAsync(id)).Version;
        var recording = Record<RecordCommunication>();
        var dialogs = await SignInAsync(Scenario.Handler);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains("登记沟通", Offered(page)));

        page.Find("button[data-step=LogCommunication]").Click();
        dialogs.WaitForElement("#communication-summary").Change("电话联系王五委员，了解具体诉求。");
        dialogs.Find("[data-testid=step-submit]").Click();

        page.WaitForAssertion(() => Assert.Contains("已登记沟通", Snackbars()));
        var command = Assert.Single(recording.Commands);
        Assert.Equal((id, shown, "电话联系王五委员，了解具体诉求。"), (command.ProposalId, command.ExpectedVersion, command.Summary));
        Assert.Equal("电话联系王五委员，了解具体诉求。", Assert.Single((await FindAsync(id)).Communications).Summary);
    }

    [Fact]
    public async Task AStepAskedWithACommentRunsItsOwnUseCase()
    {
        // The item is in progress at the handler's section. A communication and a draft come first, through the use cases
        // directly, as a background job or an endpoint would call them.
        var id = (await Scenario.ItemAsync(ProposalState.InProgress)).Id;
        var handler = Scenario.Handler;
        var useCases = TestPortal.Scoped<UseCaseDispatcher>();
        var version = (await FindAsync(id)).Version;
        var met = await useCases.RunAsync(new RecordCommunication(id, version, CommunicationStage.During, CommunicationMethod.FaceToFace,
            TestPortal.Clock.Today.AddDays(-1), "王五委员", "当面商谈答复要点"), handler);
        Assert.True(met.IsOk, met.Error);
        var draft = new ReplyDraft(ResultCategory.A, Disclosure.Publish, null, "经研究，现答复如下。", null, null);
        var drafted = await useCases.RunAsync(new SaveDraft(id, version + 1, draft), handler);
        Assert.True(drafted.IsOk, drafted.Error);
        var recording = Record<SubmitForReview>();
        var dialogs = await SignInAsync(handler);
        var page = RenderPage(id);
        page.WaitForAssertion(() => Assert.Contains(WorkflowStep.SubmitForReview.ToChinese(), Offered(page)));

        page.Find($"button[data-step={WorkflowStep.SubmitForReview}]").Click();
        dialogs.WaitForElement("[data-testid=step-submit]").Click();

        page.WaitForAssertion(() => Assert.Equal((id, version + 2), Assert.Single(recording.Commands) is var c ? (c.ProposalId, c.ExpectedVersion) : default));
        Assert.Equal(ProposalState.UnderReview, (await FindAsync(id)).State);
    }
}
