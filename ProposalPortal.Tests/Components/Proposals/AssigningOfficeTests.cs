using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Common;
using ProposalPortal.Features.Proposals.Detail;

namespace ProposalPortal.Tests.Components.Proposals;

/// <summary>The office that assigns items is a setting, by default the seed's 市政府办议案科, and the return request names it.</summary>
public class AssigningOfficeTests
{
    [Fact]
    public void TheDefaultIsTheSeeds议案科()
    {
        Assert.Equal("市政府办议案科", new PortalOptions().AssigningOffice);
    }

    [Fact]
    public void TheReturnRequestNamesTheConfiguredOffice()
    {
        var (prompt, _, _, _) = CommentDialog.Describe(WorkflowStep.RequestReturn, "州政府办建议提案科");

        Assert.Contains("向州政府办建议提案科申请退回本件", prompt);
        Assert.DoesNotContain("督查室", prompt);
    }
}
