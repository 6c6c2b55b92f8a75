using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>
/// Builds an item of 发展规划科 and drives it through the real workflow to the state a test needs.
/// Every step it takes must succeed, so a builder that reaches a state proves that path is allowed.
/// </summary>
public sealed class ProposalBuilder
{
    public static readonly DateOnly Assigned = new(2022, 3, 21);

    private HandlingRole _role = HandlingRole.Lead;
    private bool _key;
    private bool _faceToFace;
    private bool _communicate = true;
    private int _number = 199;
    private WorkflowOptions _options = new();

    public static ProposalBuilder Lead() => new();

    public static ProposalBuilder Assisting() => new() { _role = HandlingRole.Assisting };

    public ProposalBuilder Key() { _key = true; return this; }

    public ProposalBuilder WithFaceToFace() { _faceToFace = true; return this; }

    public ProposalBuilder WithoutCommunication() { _communicate = false; return this; }

    public ProposalBuilder Numbered(int number) { _number = number; return this; }

    public ProposalBuilder WithOptions(WorkflowOptions options) { _options = options; return this; }

    public static WorkflowContext Day(int offset, WorkflowOptions? options = null) => Contexts.At(Assigned.AddDays(offset), options);

    public Proposal Build() => Proposal.Register(new ProposalRegistration(
        2022, ProposalKind.Proposal, Level.City, "市政协十届一次会议", _number, "关于加快推进新能源汽车充电设施建设的提案",
        "正文", [new Proposer("杞发荣", "138-0000-0001"), new Proposer("徐彦")], ["充电桩及新能源建设"], Assigned, _role,
        _role == HandlingRole.Assisting ? "市住房和城乡建设局" : null, null, _key), Staff.Office, Day(0, _options));

    /// <summary>The item, driven to <paramref name="state"/>.</summary>
    public Proposal In(ProposalState state)
    {
        var p = Build();
        foreach (var step in StepsTo(p, state))
        {
            var result = step();
            Assert.True(result.IsOk, $"builder step refused on the way to {state}: {result.Error}");
        }

        return p;
    }

    public static ReplyDraft Draft(ResultCategory? category = ResultCategory.A, Disclosure? disclosure = Disclosure.Publish) =>
        new(category, disclosure, null, "您提出的《关于加快推进新能源汽车充电设施建设的提案》收悉，现答复如下：……", "联系人：何六", "市人民政府办公室");

    private IEnumerable<Func<Result>> StepsTo(Proposal p, ProposalState target)
    {
        if (target == ProposalState.Registered)
        {
            yield break;
        }

        yield return () => p.Accept(Staff.Office, Day(1, _options));
        if (target == ProposalState.Accepted)
        {
            yield break;
        }

        if (target is ProposalState.ReturnRequested or ProposalState.Returned)
        {
            yield return () => p.RequestReturn(Staff.Office, "不属于本局职能", Day(2, _options));
            if (target == ProposalState.Returned)
            {
                yield return () => p.ApproveReturn(Staff.Office, null, Day(3, _options));
            }

            yield break;
        }

        yield return () => p.SetResponsibility(Staff.Office, Staff.DeputyMember, Staff.Planning, Staff.PlanningHandler, null, Day(2, _options));
        if (_communicate)
        {
            yield return () => p.LogCommunication(Staff.Section, CommunicationStage.Before, CommunicationMethod.Phone, Assigned.AddDays(5),
                "杞发荣委员", "电话了解诉求", Day(5, _options));
        }

        if (_faceToFace || (_key && _communicate))
        {
            yield return () => p.LogCommunication(Staff.Section, CommunicationStage.During, CommunicationMethod.FaceToFace, Assigned.AddDays(8),
                "杞发荣委员、徐彦委员", "面商初步意见", Day(8, _options));
        }

        if (target == ProposalState.InProgress)
        {
            yield break;
        }

        if (_role == HandlingRole.Assisting)
        {
            yield return () => p.SendOpinion(Staff.Section, "我局同意纳入规划", Day(10, _options));
            if (target == ProposalState.Closed)
            {
                yield return () => p.Close(Staff.Office, null, Day(12, _options));
            }

            yield break;
        }

        yield return () => p.SaveDraft(Staff.Section, Draft(), Day(10, _options));
        if (target == ProposalState.Drafted)
        {
            yield break;
        }

        yield return () => p.SubmitForReview(Staff.Section, Day(11, _options));
        if (target == ProposalState.UnderReview)
        {
            yield break;
        }

        yield return () => p.ApproveReview(Staff.Deputy, "同意", Day(12, _options));
        if (target == ProposalState.AwaitingSignOff)
        {
            yield break;
        }

        yield return () => p.SignOff(Staff.Director, new DocumentNumber("楚市发改复", 2022, 12), Day(13, _options));
        if (target == ProposalState.Replied)
        {
            yield break;
        }

        var verdict = target == ProposalState.Reopened ? Satisfaction.Unsatisfied : Satisfaction.Satisfied;
        yield return () => p.RecordEvaluation(Staff.Office, verdict, null, false, Day(20, _options));
        if (target is ProposalState.Evaluated or ProposalState.Reopened)
        {
            yield break;
        }

        yield return () => p.Close(Staff.Office, null, Day(21, _options));
    }
}
