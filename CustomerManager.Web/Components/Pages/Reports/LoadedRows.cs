using MudBlazor;

namespace CustomerManager.Web.Components.Pages.Reports;

/// <summary>
/// Serves a MudDataGrid's pages from rows a service returned whole (a report computed in one query, the short list of
/// users): sorted by the grid's sort column, then cut to the page. The sorted rows are what an export of the grid writes.
/// </summary>
public static class LoadedRows
{
    public static IReadOnlyList<T> Sorted<T>(IEnumerable<T> rows, GridState<T> state)
    {
        if (state.SortDefinitions.FirstOrDefault() is not { SortFunc: { } key } sort)
        {
            return rows.ToList();
        }

        var comparer = sort.Comparer ?? Comparer<object?>.Default;
        return (sort.Descending ? rows.OrderByDescending(key, comparer) : rows.OrderBy(key, comparer)).ToList();
    }

    public static GridData<T> Page<T>(IReadOnlyList<T> sorted, GridState<T> state) => new()
    {
        Items = sorted.Skip(state.Page * state.PageSize).Take(state.PageSize).ToList(),
        TotalItems = sorted.Count,
    };
}
