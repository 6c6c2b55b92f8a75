using System.Globalization;
using System.Text;
using ProposalPortal.Data;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Statistics;

namespace ProposalPortal.Features.Statistics;

/// <summary>
/// The year's <see cref="ProposalFacts"/> (and topics), read with plain data readers (<see cref="RawRows"/>) in five flat
/// queries over covering indexes: the items, their signed letters, their evaluations (each with the item's 领衔人), their
/// face-to-face talks and their topics. Each query walks the year's entries of <c>IX_Proposals_Year_Facts</c> and joins
/// one child table's covering index; the rows are put together here. Before, one LINQ projection asked six correlated
/// subqueries per item and EF materialized 10,000 wide anonymous rows: about 100 ms of the figures' 107 ms on a quiet
/// machine (BENCHMARKS.md, "Issue 17, session 7"). The SQL is provider-neutral (SQLite and PostgreSQL alike);
/// <c>FigureQueryPlanTests</c> keeps each query on its covering index and counts the commands.
/// </summary>
internal static class YearFactsQuery
{
    private static readonly string FaceToFaceMethods =
        string.Join(", ", Communication.FaceToFaceMethods.Select(m => RawRows.Literal(m)));

    public static async Task<(List<ProposalFacts> Facts, List<(int ProposalId, string Topic)> Topics)> ReadAsync(
        PortalDbContext db, int year, int? sectionId, ProposalKind? kind, Level? level, SatisfactionRule rule,
        CancellationToken cancellationToken)
    {
        var (scope, parameters) = Scope(year, sectionId, kind, level);

        var items = new List<Item>(capacity: 1024);
        await db.ReadAsync($"""
            SELECT p."Id", p."Kind", p."Level", p."Role", p."State", p."IsKey", p."Deadline", p."ClosedOn", p."SectionId", p."ReopenRound"
            FROM "Proposals" AS p WHERE {scope}
            """, parameters, r => items.Add(new Item(
                r.GetInt32(0), r.GetEnum<ProposalKind>(1), r.GetEnum<Level>(2), r.GetEnum<HandlingRole>(3), r.GetEnum<ProposalState>(4),
                r.GetBoolean(5), r.GetDateOrNull(6), r.GetDateOrNull(7), r.GetInt32OrNull(8), r.GetInt32(9))), cancellationToken);

        // The last signed letter of each item: its category, and whether it is published.
        var letters = new Dictionary<int, (int Round, ResultCategory? Category, bool Published)>(items.Count);
        await db.ReadAsync($"""
            SELECT r."ProposalId", r."Round", r."Category", r."PublishedAt"
            FROM "Reply" AS r INNER JOIN "Proposals" AS p ON p."Id" = r."ProposalId"
            WHERE {scope} AND r."Kind" = {RawRows.Literal(ReplyKind.Letter)} AND r."SignedAt" IS NOT NULL
            """, parameters, r =>
            {
                var (id, round) = (r.GetInt32(0), r.GetInt32(1));
                if (!letters.TryGetValue(id, out var known) || round > known.Round)
                {
                    letters[id] = (round, r.GetEnumOrNull<ResultCategory>(2), !r.IsDBNull(3));
                }
            }, cancellationToken);

        // Each proposer's answer, with the item's 领衔人, so that several proposers' answers make the item's result by the
        // configured rule (an answer with no proposer is the 领衔人's).
        var answers = new Dictionary<int, List<Answer>>();
        await db.ReadAsync($"""
            SELECT e."ProposalId", e."Round", e."ProposerId", e."Satisfaction",
                (SELECT x."Id" FROM "Proposer" AS x WHERE x."ProposalId" = e."ProposalId" ORDER BY x."Order" LIMIT 1)
            FROM "Evaluation" AS e INNER JOIN "Proposals" AS p ON p."Id" = e."ProposalId"
            WHERE {scope}
            """, parameters, r =>
            {
                var id = r.GetInt32(0);
                if (!answers.TryGetValue(id, out var mine))
                {
                    answers[id] = mine = [];
                }

                var lead = r.GetInt32OrNull(4);
                mine.Add(new Answer(r.GetInt32(1), (r.GetInt32OrNull(2) ?? lead) == lead, r.GetEnum<Satisfaction>(3)));
            }, cancellationToken);

        var faceToFace = new HashSet<int>();
        await db.ReadAsync($"""
            SELECT c."ProposalId"
            FROM "Communication" AS c INNER JOIN "Proposals" AS p ON p."Id" = c."ProposalId"
            WHERE {scope} AND c."Method" IN ({FaceToFaceMethods})
            """, parameters, r => faceToFace.Add(r.GetInt32(0)), cancellationToken);

        var topics = new List<(int ProposalId, string Topic)>();
        await db.ReadAsync($"""
            SELECT t."ProposalId", t."Name"
            FROM "ProposalTopic" AS t INNER JOIN "Proposals" AS p ON p."Id" = t."ProposalId"
            WHERE {scope}
            """, parameters, r => topics.Add((r.GetInt32(0), r.GetString(1))), cancellationToken);

        var facts = items.Select(i =>
        {
            var mine = answers.TryGetValue(i.Id, out var found) ? found : [];
            Satisfaction? Result(int round) => ItemSatisfaction.Of(rule, mine.Where(a => a.Round == round)
                .Select(a => (a.IsLead, a.Satisfaction)).ToList());
            // Closed with no answer to its last reply: 未反馈, counted apart and not in the satisfaction rates.
            var noFeedback = i.Role == HandlingRole.Lead && i.State == ProposalState.Closed && mine.All(a => a.Round != i.ReopenRound + 1);
            var final = noFeedback || mine.Count == 0 ? null : Result(mine.Max(a => a.Round));
            var replied = letters.TryGetValue(i.Id, out var letter);
            return new ProposalFacts(
                i.Id, i.Kind, i.Level, i.Role, i.State, i.IsKey, i.Deadline, i.ClosedOn, i.SectionId,
                replied ? letter.Category : null, replied, replied && letter.Published,
                Result(1), final, faceToFace.Contains(i.Id), Proposal.IsDeadlineStepDoneIn(i.State), noFeedback);
        }).ToList();
        return (facts, topics);
    }

    /// <summary>The items' condition on <c>p</c> ("Proposals"), its values as parameters (<c>{0}</c>, <c>{1}</c> …).</summary>
    private static (string Where, object[] Parameters) Scope(int year, int? sectionId, ProposalKind? kind, Level? level)
    {
        var where = new StringBuilder("p.\"Year\" = {0}");
        var parameters = new List<object> { year };
        void And(string column, object value)
        {
            where.Append(CultureInfo.InvariantCulture, $" AND p.\"{column}\" = {{{parameters.Count}}}");
            parameters.Add(value);
        }

        if (sectionId is { } section)
        {
            // The responsibility's section (an owned type's column): no responsibility, no section.
            And("SectionId", section);
        }

        if (kind is { } k)
        {
            And("Kind", k.ToString());
        }

        if (level is { } l)
        {
            And("Level", l.ToString());
        }

        return (where.ToString(), [.. parameters]);
    }

    private sealed record Item(int Id, ProposalKind Kind, Level Level, HandlingRole Role, ProposalState State, bool IsKey,
        DateOnly? Deadline, DateOnly? ClosedOn, int? SectionId, int ReopenRound);

    private readonly record struct Answer(int Round, bool IsLead, Satisfaction Satisfaction);
}
