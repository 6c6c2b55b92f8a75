using ProposalPortal.Features.Letters;
using ProposalPortal.Features.Publication;
using ProposalPortal.Features.Statistics;

namespace ProposalPortal.Features.Nodes;

/// <summary>
/// Drops this node's in-memory copies when another node changed what they copy: the public search index's state and
/// filter lists after a 公开 or 撤回公开, the signing certificate after an upload, the year's figures after a save that
/// touched that year's items, and those items' facts (<see cref="FiguresInvalidation"/>). Each is read afresh on next use.
/// </summary>
public sealed class NodeCacheInvalidation(INodeBus bus, PublicSearchIndex searchIndex, SigningCertificate certificate, FiguresCache figures,
    YearFactsStore facts)
    : IHostedService
{
    public const string PublicSearchTopic = "public-search";
    public const string SigningCertificateTopic = "signing-certificate";
    public const string FiguresTopic = "figures";

    private readonly List<IDisposable> _subscriptions = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscriptions.Add(bus.Subscribe(PublicSearchTopic, _ =>
        {
            searchIndex.Invalidate();
            return Task.CompletedTask;
        }));
        _subscriptions.Add(bus.Subscribe(SigningCertificateTopic, _ =>
        {
            certificate.Forget();
            return Task.CompletedTask;
        }));
        _subscriptions.Add(bus.Subscribe(FiguresTopic, message =>
        {
            FiguresInvalidation.Apply(figures, facts, message);
            return Task.CompletedTask;
        }));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscriptions.ForEach(s => s.Dispose());
        _subscriptions.Clear();
        return Task.CompletedTask;
    }
}
