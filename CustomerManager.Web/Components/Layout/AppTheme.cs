using MudBlazor;

namespace CustomerManager.Web.Components.Layout;

/// <summary>
/// The one theme of the app (MudBlazor): colours chosen for contrast (WCAG AA on white and on the app bar), a compact
/// radius, and a drawer wide enough for the longest menu entry ("Division performance").
/// </summary>
public static class AppTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F5C99",
            PrimaryContrastText = "#FFFFFF",
            Secondary = "#6A3D9A",
            Tertiary = "#00796B",
            Info = "#0B63B6",
            Success = "#2E7D32",
            Warning = "#B25E00",
            Error = "#C62828",
            AppbarBackground = "#1F5C99",
            AppbarText = "#FFFFFF",
            Background = "#F5F7FA",
            DrawerBackground = "#FFFFFF",
            DrawerText = "rgba(0,0,0,0.87)",
            TextSecondary = "rgba(0,0,0,0.66)",
            ActionDefault = "rgba(0,0,0,0.66)",
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "6px",
            DrawerWidthLeft = "248px",
        },
    };
}
