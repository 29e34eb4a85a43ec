using CustomerManager.Data;
using CustomerManager.Data.Seeding;
using CustomerManager.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddCustomerManager();

var app = builder.Build();
var demoRequested = args.Contains("--seed-demo");
await app.InitializeDatabaseAsync(seedDemo: demoRequested || app.Environment.IsDevelopment());
if (args.Contains("--seed-only"))
{
    return;
}

app.UseCustomerManager();
await app.RunAsync();

/// <summary>Entry point type for WebApplicationFactory in the tests.</summary>
public partial class Program;
