using CustomerManager.Domain.Common;

namespace CustomerManager.Tests.Support;

/// <summary>The business's clock for tests that build services by hand: Johannesburg (UTC+2, no daylight saving).</summary>
internal static class TestTime
{
    public static BusinessTime Johannesburg(TimeProvider? clock = null) =>
        new(clock ?? TimeProvider.System, BusinessTime.FindZone("Africa/Johannesburg"));
}
