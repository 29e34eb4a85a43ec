namespace CustomerManager.Web.Components.Layout;

/// <summary>The kinds of problem <see cref="PageProblem"/> shows in place of a page.</summary>
public static class ProblemKinds
{
    public const string NotFound = "not-found";
    public const string NotAllowed = "not-allowed";
    public const string Invalid = "invalid";
    public const string Error = "error";
}
