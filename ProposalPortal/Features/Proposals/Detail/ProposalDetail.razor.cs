using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using ProposalPortal.Domain;
using ProposalPortal.Domain.Proposals;
using ProposalPortal.Domain.Workflow;
using ProposalPortal.Features.Account;
using ProposalPortal.Features.Organization;
using ProposalPortal.Features.Proposals.Attachments;
using ProposalPortal.Features.Proposals.UseCases;

namespace ProposalPortal.Features.Proposals.Detail;

/// <summary>
/// One item: everything about it, how its deadline was computed, what happened to it, and the steps the signed-in
/// person may take now. The page loads one <see cref="ProposalPage"/> and hands it to the panels; it keeps the
/// actions (steps, uploads, 取消并案), each of which asks who acts afresh and reloads the page after it.
/// </summary>
public partial class ProposalDetail
{
    private bool _loaded;
    private ProposalPage? _page;
    private bool _unlinking;
    private string? _uploadError;
    private bool _uploading;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private ProposalPageQuery Query { get; set; } = default!;

    [Inject]
    private ProposalService Proposals { get; set; } = default!;

    [Inject]
    private UseCaseDispatcher UseCases { get; set; } = default!;

    [Inject]
    private CurrentActor CurrentActor { get; set; } = default!;

    [Inject]
    private OrganizationService Organization { get; set; } = default!;

    [Inject]
    private IDialogService DialogService { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private AttachmentStore Attachments { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptions<ProposalPortal.Features.Common.PortalOptions> PortalOptions { get; set; } = default!;

    [Inject]
    private PrerenderedPages Prerendered { get; set; } = default!;

    /// <summary>
    /// Set by the prerender: the key under which it left the page it loaded (<see cref="PrerenderedPages"/>), so that
    /// the circuit starting right after shows that page instead of loading the item a second time. Taken once.
    /// Updates allowed: an island that joins a running circuit by enhanced navigation (an item opened from the list)
    /// receives its page's state as an update, not as an initial value.
    /// </summary>
    [PersistentState(AllowUpdates = true)]
    public string? PrerenderedPageKey { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        // Never kept between actions: each load and each action asks the database who the person is today.
        var actor = await CurrentActor.GetAsync();
        if (PrerenderedPageKey is { } key && RendererInfo.IsInteractive)
        {
            PrerenderedPageKey = null;
            if (actor is not null && Prerendered.Take(key, Id, actor) is { } prerendered)
            {
                _page = prerendered;
                _loaded = true;
                return;
            }
        }

        await LoadForAsync(actor);
        if (!RendererInfo.IsInteractive && _page is { } page && actor is not null)
        {
            PrerenderedPageKey = Prerendered.Keep(page, actor);
        }
    }

    /// <summary>Loads the page for the signed-in person; null (and the refusal) when the item is not theirs to see.</summary>
    private async Task<Proposal?> LoadAsync() => await LoadForAsync(await CurrentActor.GetAsync());

    private async Task<Proposal?> LoadForAsync(Actor? actor)
    {
        _page = actor is null ? null : await Query.LoadAsync(Id, actor);
        _loaded = true;
        return _page?.Proposal;
    }

    /// <summary>Uploads the chosen file; a refusal (type, size, rights, a concurrent change) is shown beside the button.</summary>
    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        if (_page is not { } page)
        {
            return;
        }

        _uploadError = null;
        var file = e.File;
        var limit = page.AttachmentLimits.MaxBytes;
        if (file.Size > limit)
        {
            // Refused before a byte is sent: opening the stream would throw and the page would say nothing.
            _uploadError = $"文件过大：“{file.Name}”有{file.Size / 1024.0 / 1024.0:0.#}MB，超过了单个文件{limit / 1024 / 1024}MB的上限，请压缩或拆分后再上传。";
            return;
        }

        _uploading = true;
        try
        {
            // Today's rights, not those the page opened with: the account may have been deactivated or moved since.
            if (await CurrentActor.GetAsync() is not { } actor)
            {
                _uploadError = StepRunner.NoLongerAllowed;
                return;
            }

            // One byte over the limit lets the store see (and refuse) an oversized file instead of a stream exception.
            await using var stream = file.OpenReadStream(limit + 1);
            var result = await Attachments.AddAsync(page.Proposal.Id, page.Proposal.Version, actor, file.Name, file.Size, stream);
            if (!result.IsOk)
            {
                _uploadError = result.Error;
                return;
            }

            Snackbar.Add($"已上传附件 {file.Name}", Severity.Success);
            await LoadAsync();
        }
        catch (IOException)
        {
            // The browser stopped sending (the file changed, the connection dropped, or it grew past the limit).
            _uploadError = $"“{file.Name}”上传未完成，请重新选择文件";
        }
        finally
        {
            _uploading = false;
        }
    }

    /// <summary>刷新 from inside a dialog: reloads the page behind it and hands the dialog the latest item.</summary>
    private async Task<Proposal?> RefreshFromDialogAsync()
    {
        var proposal = await LoadAsync();
        await InvokeAsync(StateHasChanged);
        return proposal;
    }

    private async Task OpenAsync(WorkflowStep step, int? commitmentId = null)
    {
        if (_page is not { } page)
        {
            return;
        }

        if (await CurrentActor.GetAsync() is null)
        {
            Snackbar.Add(StepRunner.NoLongerAllowed, Severity.Error);
            await LoadAsync();
            return;
        }

        // The runner asks who acts again for every action the dialog takes, however long it stays open.
        var runner = new StepRunner(Proposals, UseCases, () => CurrentActor.GetAsync(), page.Proposal, RefreshFromDialogAsync);
        var parameters = new DialogParameters
        {
            { nameof(StepDialogBase.Runner), runner },
            { nameof(StepDialogBase.Step), step },
        };
        var type = await StepDialogs.PrepareAsync(step, new StepDialogs.Setup(page, Organization, commitmentId, PortalOptions.Value.AssigningOffice), parameters);

        // Typed text must not vanish on a stray click or Esc: only 取消 and a successful step close the dialog.
        var options = new DialogOptions
        {
            MaxWidth = MaxWidth.Medium,
            FullWidth = true,
            BackdropClick = false,
            CloseOnEscapeKey = false,
        };
        var dialog = await DialogService.ShowAsync(type, step.ToChinese(), parameters, options);
        var result = await dialog.Result;
        if (result is { Canceled: false })
        {
            Snackbar.Add($"已{step.ToChinese()}", Severity.Success);
            await LoadAsync();
            StateHasChanged();
        }
    }

    /// <summary>取消并案: takes this item out of its group, after the Office confirms.</summary>
    private async Task UnlinkAsync()
    {
        if (_page?.Proposal is not { } p || _unlinking)
        {
            return;
        }

        var confirmed = await DialogService.ShowMessageBoxAsync("取消并案",
            $"将{p.Designation}移出并案组？本件的答复稿保持不变，此后不再与组内其他件共享。", yesText: "取消并案", cancelText: "返回");
        if (confirmed != true)
        {
            return;
        }

        _unlinking = true;
        try
        {
            var result = await CurrentActor.GetAsync() is { } actor
                ? await UseCases.RunAsync(new UnlinkJointHandling(p.Id), actor)
                : Result.Refused(StepRunner.NoLongerAllowed);
            if (result.IsOk)
            {
                Snackbar.Add("已取消并案办理", Severity.Success);
            }
            else
            {
                Snackbar.Add(result.Error ?? "取消并案未成功", Severity.Error);
            }

            await LoadAsync();
        }
        finally
        {
            _unlinking = false;
        }
    }
}
