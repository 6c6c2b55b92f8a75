using System.Collections.Concurrent;

namespace ProposalPortal.Features.Account;

/// <summary>
/// The live connections (the supervision hub's) of each staff member, so that deactivating a person or changing their
/// roles or section closes them at once: a client that reconnects is then scoped by today's permissions, or refused.
/// </summary>
public interface IStaffConnections
{
    /// <summary>Registers a connection; disposing the result forgets it (when it closes).</summary>
    IDisposable Track(int staffId, string connectionId, Action abort);

    /// <summary>Closes every connection of <paramref name="staffId"/>; returns how many there were.</summary>
    int CloseAll(int staffId);
}

/// <inheritdoc />
public sealed class StaffConnections : IStaffConnections
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<string, Action>> _byStaff = new();

    public IDisposable Track(int staffId, string connectionId, Action abort)
    {
        _byStaff.GetOrAdd(staffId, _ => new()).TryAdd(connectionId, abort);
        return new Registration(this, staffId, connectionId);
    }

    public int CloseAll(int staffId)
    {
        if (!_byStaff.TryRemove(staffId, out var connections))
        {
            return 0;
        }

        foreach (var abort in connections.Values)
        {
            abort();
        }

        return connections.Count;
    }

    private sealed class Registration(StaffConnections owner, int staffId, string connectionId) : IDisposable
    {
        public void Dispose()
        {
            if (owner._byStaff.TryGetValue(staffId, out var connections))
            {
                connections.TryRemove(connectionId, out _);
            }
        }
    }
}
