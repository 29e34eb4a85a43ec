using CustomerManager.Domain.Common;

namespace CustomerManager.Web.Components.Shared;

/// <summary>
/// The customer a page about one customer (open a layby, apply for credit) is for, read from its address
/// (<c>?customer=</c>) once per address: a parent's re-render while the customer still loads does not start the load
/// again. When the address names no customer, or one that does not exist, <see cref="Problem"/> says why.
/// </summary>
public sealed class CustomerFromAddress
{
    private bool started;
    private string? parameter;

    /// <summary>Whether the address has been read (the customer loaded, or the problem known).</summary>
    public bool Read { get; private set; }

    public string? Problem { get; private set; }

    /// <param name="forget">Clears what the page loaded for the address before (a new address is read).</param>
    /// <param name="load">Loads the page's data for the customer id; a <see cref="NotFoundException"/> becomes the problem.</param>
    public async Task ReadAsync(string? value, Action forget, Func<int, Task> load)
    {
        if (started && value == parameter)
        {
            return;
        }

        (started, parameter, Read) = (true, value, false);
        forget();
        try
        {
            if (CustomerQueryParameter.Parse(value, out var problem) is { } customerId)
            {
                await load(customerId);
            }

            Problem = problem;
        }
        catch (NotFoundException e)
        {
            Problem = e.Message + " Choose the customer below.";
        }
        finally
        {
            Read = true;
        }
    }
}
