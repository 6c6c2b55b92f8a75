using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ProposalPortal.Data;
using ProposalPortal.Domain.Deadlines;
using ProposalPortal.Domain.Workflow;

namespace ProposalPortal.Features.Common;

/// <summary>
/// Builds the <see cref="WorkflowContext"/> every step needs: the clock, the configured rules, and the working-day
/// calendar (cached; the administration page calls <see cref="InvalidateCalendar"/> after editing it).
/// </summary>
public sealed class WorkflowContextFactory(
    IDbContextFactory<PortalDbContext> dbFactory,
    PortalClock clock,
    IOptionsMonitor<DeadlineOptions> deadlineOptions,
    IOptionsMonitor<WorkflowOptions> workflowOptions)
{
    private volatile WorkingDayCalendar? _calendar;

    public async Task<WorkflowContext> CreateAsync(CancellationToken cancellationToken = default) =>
        new(clock.Now, clock.Today, workflowOptions.CurrentValue, await DeadlinesAsync(cancellationToken));

    public async Task<DeadlineCalculator> DeadlinesAsync(CancellationToken cancellationToken = default) =>
        new(deadlineOptions.CurrentValue, await CalendarAsync(cancellationToken));

    public async Task<WorkingDayCalendar> CalendarAsync(CancellationToken cancellationToken = default)
    {
        if (_calendar is { } cached)
        {
            return cached;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var days = await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken);
        return _calendar = new WorkingDayCalendar(days);
    }

    public void InvalidateCalendar() => _calendar = null;
}
