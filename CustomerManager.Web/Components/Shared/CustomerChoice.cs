namespace CustomerManager.Web.Components.Shared;

/// <summary>A customer picked in a <see cref="CustomerPicker"/>: the id and how the choice reads.</summary>
public sealed record CustomerChoice(int Id, string Text);

/// <summary>Reads a customer id from an address's query string, where anyone can type anything.</summary>
public static class CustomerQueryParameter
{
    /// <summary>The positive id written in <paramref name="value"/>, or null with the reason it is not one.</summary>
    public static int? Parse(string? value, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0)
        {
            return id;
        }

        problem = $"\"{value}\" in the address is not a customer. Choose the customer below.";
        return null;
    }
}
