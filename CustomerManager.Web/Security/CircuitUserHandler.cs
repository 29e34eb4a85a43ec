using CustomerManager.Domain.Common;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace CustomerManager.Web.Security;

/// <summary>
/// Makes the circuit's authenticated user the ambient user for every inbound circuit activity (events, JS interop,
/// navigation), so domain services and the audit interceptor see who acts, even in the DI scopes they create.
/// </summary>
internal sealed class CircuitUserHandler(AuthenticationStateProvider authenticationStateProvider) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(
        Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var state = await authenticationStateProvider.GetAuthenticationStateAsync();
            using (AmbientUser.Use(state.User))
            {
                await next(context);
            }
        };
}
