namespace ProposalPortal.Features.Publication;

/// <summary>The public pages and the proposers' evaluation links. Bound from "Public".</summary>
public sealed class PublicOptions
{
    public const string SectionName = "Public";

    /// <summary>The address the public pages are reached at from outside (no trailing slash): links and QR codes use it.</summary>
    public string BaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Requests per minute one address may make to the evaluation links (stops guessing tokens).</summary>
    public int EvaluationRequestsPerMinute { get; set; } = 30;

    /// <summary>Replies per page of the public list.</summary>
    public int PageSize { get; set; } = 20;

    /// <summary>Entries of the Atom feed.</summary>
    public int FeedEntries { get; set; } = 50;
}
