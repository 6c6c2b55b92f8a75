using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace ProposalPortal.Tests.TestSupport;

/// <summary>The shared bUnit setup, as MudBlazor's own tests do it: loose JS interop and MudBlazor services without transitions.</summary>
public abstract class PortalBunitContext : BunitContext
{
    protected PortalBunitContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
            options.PopoverOptions.CheckForPopoverProvider = false;
        });
    }
}
