using Microsoft.Extensions.Options;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Proposals;
using ProposalPortal.Features.Proposals.Attachments;
using ProposalPortal.Tests.TestSupport;

namespace ProposalPortal.Tests.Features;

/// <summary>Files on an item: kept outside the web root, limited in size and type, given only to those who may see the item.</summary>
public sealed class AttachmentStoreTests : IAsyncLifetime
{
    private TestPortal _portal = null!;
    private Proposal _item = null!;
    private Actor _handler = null!;
    private Actor _stranger = null!;
    private Actor _office = null!;

    public async Task InitializeAsync()
    {
        _portal = await TestPortal.StartAsync(settings: new Dictionary<string, string?> { ["Attachments:MaxBytes"] = "1000" });
        var scenario = await Scenario.CreateAsync(_portal);
        _item = await scenario.ItemAsync(ProposalState.InProgress);
        _office = scenario.Office;
        _handler = scenario.Handler;
        _stranger = scenario.OtherHandler;
    }

    public async Task DisposeAsync() => await _portal.DisposeAsync();

    private string Folder => _portal.Get<IOptions<AttachmentOptions>>().Value.Folder;

    // A PDF's own first bytes, so that the content matches the extension (FileSignatures).
    private static MemoryStream Bytes(int count) => new(Enumerable.Range(0, count).Select(i => i < 5 ? "%PDF-"u8[i] : (byte)i).ToArray());

    [Fact]
    public async Task TheSectionUploadsAndEveryoneWhoMaySeeTheItemGetsTheSameBytesBack()
    {
        var store = _portal.Scoped<AttachmentStore>();

        var result = await store.AddAsync(_item.Id, _item.Version, _handler, "调研报告.pdf", 500, Bytes(500));

        Assert.True(result.IsOk, result.Error);
        Assert.StartsWith(_portal.Folder, Folder);
        var saved = (await _portal.Scoped<ProposalService>().FindAsync(_item.Id, _office))!;
        var attachment = saved.Attachments.Single();
        Assert.Equal(("调研报告.pdf", "application/pdf", 500L), (attachment.FileName, attachment.ContentType, attachment.Size));
        Assert.Equal(AuditAction.AddAttachment, saved.AuditTrail[^1].Action);

        var file = await store.OpenAsync(_item.Id, attachment.Id, _office);
        using var copy = new MemoryStream();
        await using (file!.Value.Content)
        {
            await file.Value.Content.CopyToAsync(copy);
        }

        Assert.Equal(Bytes(500).ToArray(), copy.ToArray());
        Assert.Null(await store.OpenAsync(_item.Id, attachment.Id, _stranger));
    }

    [Theory]
    [InlineData("恶意.exe", 10, "不支持的文件类型（.exe）")]
    [InlineData("大文件.pdf", 2000, "文件过大")]
    [InlineData("空文件.pdf", 0, "文件是空的")]
    public async Task RefusedFilesLeaveNothingBehind(string name, int size, string reason)
    {
        var result = await _portal.Scoped<AttachmentStore>().AddAsync(_item.Id, _item.Version, _handler, name, size, Bytes(size));

        Assert.StartsWith(reason, result.Error);
        Assert.True(!Directory.Exists(Folder) || Directory.GetFiles(Folder).Length == 0);
    }

    [Fact]
    public async Task ADeclaredSizeIsNotTrusted()
    {
        var result = await _portal.Scoped<AttachmentStore>().AddAsync(_item.Id, _item.Version, _handler, "伪报.pdf", 10, Bytes(2000));

        Assert.StartsWith("文件过大", result.Error);
        Assert.Empty(Directory.GetFiles(Folder));
    }

    [Fact]
    public async Task AnotherSectionCannotAttachToTheItem()
    {
        var result = await _portal.Scoped<AttachmentStore>().AddAsync(_item.Id, _item.Version, _stranger, "说明.pdf", 10, Bytes(10));

        Assert.Equal("找不到该件，或您无权处理该件", result.Error);
        Assert.Empty(Directory.GetFiles(Folder));
    }
}
