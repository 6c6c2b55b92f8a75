using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Proposals.UseCases;

namespace ProposalPortal.Features.Proposals.Attachments;

/// <summary>
/// Keeps uploaded files outside the web root under random names, records them on the item through the workflow
/// (so only the Office and the item's section may add them), and streams them back only to people who may see the item.
/// </summary>
public sealed class AttachmentStore(ProposalService proposals, UseCase<AddAttachment> addAttachment, IOptions<AttachmentOptions> options)
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    // Made absolute (beside the app) when the options are bound.
    private string Folder => options.Value.Folder;

    /// <summary>Stores the file and records it on the item; on any refusal nothing is kept.</summary>
    public async Task<Result> AddAsync(int proposalId, int expectedVersion, Actor actor, string fileName, long size, Stream content,
        CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(fileName ?? string.Empty).Trim();
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (name.Length == 0)
        {
            return Result.Refused("请选择要上传的文件");
        }

        if (!options.Value.Extensions.Contains(extension, StringComparer.OrdinalIgnoreCase))
        {
            return Result.Refused($"不支持的文件类型（{extension}），可上传：{string.Join("、", options.Value.Extensions)}");
        }

        if (size > options.Value.MaxBytes)
        {
            return Result.Refused($"文件过大：不能超过{options.Value.MaxBytes / 1024 / 1024}MB");
        }

        if (size == 0)
        {
            return Result.Refused("文件是空的");
        }

        // The first bytes must be what the extension says; read them before anything is written.
        var header = new byte[FileSignatures.HeaderBytes];
        var headerLength = await content.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken);
        if (FileSignatures.Mismatch(extension, header.AsSpan(0, headerLength)) is { } expected)
        {
            return Result.Refused($"文件内容与扩展名不符：“{name}”不是{expected}文件，请上传原始文件");
        }

        Directory.CreateDirectory(Folder);
        var stored = Guid.NewGuid().ToString("N");
        var path = Path.Combine(Folder, stored);
        long written;
        await using (var file = File.Create(path))
        {
            // Count what really arrives: a declared size is only a claim.
            await file.WriteAsync(header.AsMemory(0, headerLength), cancellationToken);
            var rest = await CopyLimitedAsync(content, file, options.Value.MaxBytes - headerLength, cancellationToken);
            written = rest < 0 || headerLength > options.Value.MaxBytes ? -1 : headerLength + rest;
        }

        if (written < 0)
        {
            File.Delete(path);
            return Result.Refused($"文件过大：不能超过{options.Value.MaxBytes / 1024 / 1024}MB");
        }

        var contentType = ContentTypes.TryGetContentType(name, out var type) ? type : "application/octet-stream";
        var result = await addAttachment.HandleAsync(
            new AddAttachment(proposalId, expectedVersion, name, contentType, written, stored), actor, cancellationToken);
        if (!result.IsOk)
        {
            File.Delete(path);
        }

        return result;
    }

    /// <summary>The file for someone who may see the item; null otherwise (the caller answers 404, revealing nothing).</summary>
    public async Task<(Stream Content, string ContentType, string FileName)?> OpenAsync(int proposalId, int attachmentId, Actor actor,
        CancellationToken cancellationToken = default)
    {
        var proposal = await proposals.FindAsync(proposalId, actor, cancellationToken);
        var attachment = proposal?.Attachments.FirstOrDefault(a => a.Id == attachmentId);
        if (attachment is null)
        {
            return null;
        }

        var path = Path.Combine(Folder, attachment.StoredName);
        return File.Exists(path) ? (File.OpenRead(path), attachment.ContentType, attachment.FileName) : null;
    }

    private static async Task<long> CopyLimitedAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return -1;
            }

            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
        }

        return total;
    }
}

/// <summary>GET /proposals/{id}/attachments/{attachmentId}: the file, for signed-in people who may see the item.</summary>
public static class AttachmentEndpoints
{
    public static void MapAttachmentEndpoints(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/proposals/{id:int}/attachments/{attachmentId:int}", async (int id, int attachmentId, HttpContext http,
            AttachmentStore store, Microsoft.EntityFrameworkCore.IDbContextFactory<Data.PortalDbContext> dbFactory) =>
        {
            var actor = await Account.CurrentActor.ForAsync(http.User, dbFactory, http.RequestAborted);
            if (actor is null)
            {
                return Results.Forbid();
            }

            var file = await store.OpenAsync(id, attachmentId, actor, http.RequestAborted);
            return file is { } f ? Results.File(f.Content, f.ContentType, f.FileName) : Results.NotFound();
        }).RequireAuthorization(PortalPolicies.SignedIn);
}
