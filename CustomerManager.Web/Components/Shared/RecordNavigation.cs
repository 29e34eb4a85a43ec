using CustomerManager.Domain.Search;
using Microsoft.AspNetCore.Components;

namespace CustomerManager.Web.Components.Shared;

/// <summary>
/// Opens the record a typed number names (customer, division account, layby, receipt or statement), or says that
/// nothing has that number: what Enter does in the customer search box and the app bar's search.
/// </summary>
public sealed class RecordNavigation(RecordLookupService lookup, NavigationManager navigation, UiFeedback feedback)
{
    /// <summary>
    /// The lookup of the text: opened when <see cref="RecordLookup.Found"/>, otherwise its "No layby …" message shown.
    /// Null when the text is not a record number (search for it instead).
    /// </summary>
    public async Task<RecordLookup?> OpenAsync(string? text)
    {
        var found = await lookup.FindAsync(text);
        if (found?.Target is { } target)
        {
            navigation.NavigateTo(target, forceLoad: found.IsDocument);
        }
        else if (found is not null)
        {
            feedback.Warning(found.Message);
        }

        return found;
    }
}
