using System.Data;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Data.SqlClient;

namespace CustomerManager.Tests.Platform;

/// <summary>
/// No SQL Server runs here, so these prove what can be proved without one: Microsoft.Data.SqlClient's parameter-sending
/// code compiles against the real Microsoft.SqlServer.Server package, and every parameter kind we use can be built.
/// </summary>
public class SqlClientTests
{
    [Fact]
    public void SqlClient_parameter_sending_code_compiles_against_the_real_server_package()
    {
        var parser = typeof(SqlConnection).Assembly.GetType("Microsoft.Data.SqlClient.TdsParser", throwOnError: true)!;
        var methods = parser.GetMethods(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(m => m.Name == "TDSExecuteRPCAddParameter")
            .ToList();
        Assert.NotEmpty(methods);
        foreach (var method in methods)
        {
            RuntimeHelpers.PrepareMethod(method.MethodHandle);
        }

        var serverPackage = AppDomain.CurrentDomain.GetAssemblies()
            .Single(a => a.GetName().Name == "Microsoft.SqlServer.Server");
        Assert.Equal(new Version(1, 0, 0, 0), serverPackage.GetName().Version);
    }

    [Fact]
    public void SqlParameters_of_every_kind_we_use_can_be_built()
    {
        using var command = new SqlCommand("SELECT @p1, @p2, @p3, @p4, @p5");
        command.Parameters.Add(new SqlParameter("@p1", SqlDbType.NVarChar, 100) { Value = "UCST-000001" });
        command.Parameters.Add(new SqlParameter("@p2", SqlDbType.BigInt) { Value = 12_345L });
        command.Parameters.Add(new SqlParameter("@p3", SqlDbType.DateTime2) { Value = new DateTime(2026, 11, 22) });
        command.Parameters.Add(new SqlParameter("@p4", SqlDbType.Decimal) { Precision = 18, Scale = 2, Value = 10.25m });
        command.Parameters.AddWithValue("@p5", Guid.NewGuid());
        Assert.Equal(5, command.Parameters.Count);
        Assert.Equal(SqlDbType.UniqueIdentifier, command.Parameters["@p5"].SqlDbType);
    }

    [Fact]
    public void The_server_package_reports_invalid_user_defined_types()
    {
        var exception = Microsoft.SqlServer.Server.InvalidUdtException.Create(typeof(string), "no Format");
        Assert.Contains("System.String", exception.Message);
        Assert.Contains("no Format", exception.Message);
        var attribute = new Microsoft.SqlServer.Server.SqlUserDefinedTypeAttribute(Microsoft.SqlServer.Server.Format.Native)
        {
            IsByteOrdered = true,
            MaxByteSize = 8000,
        };
        Assert.Equal(Microsoft.SqlServer.Server.Format.Native, attribute.Format);
        Assert.Equal(8000, attribute.MaxByteSize);
        Assert.Equal("Microsoft.SqlServer.Server", attribute.GetType().Assembly.GetName().Name);
    }
}
