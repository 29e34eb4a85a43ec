using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CustomerManager.Web.Benchmarks;

/// <summary>
/// Records the SQL (text and parameter values) EF Core sends while <see cref="RecordAsync"/> runs, through EF's
/// DiagnosticListener, so a benchmark can replay exactly those statements with raw Microsoft.Data.Sqlite.
/// </summary>
internal sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public sealed record Statement(string Sql, IReadOnlyList<(string Name, object? Value)> Parameters)
    {
        public bool IsQuery => Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase);
    }

    private static readonly string Executing = RelationalEventId.CommandExecuting.Name!;
    private readonly AsyncLocal<List<Statement>?> recording = new();
    private readonly List<IDisposable> subscriptions = [];

    public SqlCapture() => subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public async Task<List<Statement>> RecordAsync(Func<Task> action)
    {
        var statements = new List<Statement>();
        recording.Value = statements;
        try
        {
            await action();
        }
        finally
        {
            recording.Value = null;
        }

        return statements;
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(listener.Subscribe(this, (name, _, _) => name == Executing && recording.Value is not null));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Value is CommandEventData data && recording.Value is { } statements)
        {
            statements.Add(new Statement(data.Command.CommandText,
                data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList()));
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (subscriptions)
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
