namespace CustomerManager.Web.Components.Shared;

/// <summary>Reads a page's choice (a view, a filter) from the address, where anyone can type anything.</summary>
public static class QueryChoice
{
    /// <summary>
    /// The named choice (case-insensitive), or null. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/> alone
    /// accepts any number, such as "-5", as a value no choice has, which the page would then fail on.
    /// </summary>
    public static T? Parse<T>(string? text)
        where T : struct, Enum =>
        Enum.TryParse<T>(text, ignoreCase: true, out var value) && Enum.IsDefined(value) ? value : null;
}
