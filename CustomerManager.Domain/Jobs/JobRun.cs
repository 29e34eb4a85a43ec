using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Jobs;

public enum JobRunStatus
{
    Running,
    Succeeded,
    Failed,
}

/// <summary>Why a run started: its slot came, a node caught up a slot nobody ran, or an admin asked.</summary>
public enum JobTrigger
{
    Schedule,
    CatchUp,
    Manual,
}

/// <summary>
/// One background job's run for one business day. (<see cref="Job"/>, <see cref="ScheduledFor"/>) is unique, so when
/// several web nodes reach the same slot only one inserts the row and runs; the others find it and skip. The node that
/// runs holds a lease (<see cref="LeaseUntilUtc"/>, renewed while it works): a node that dies mid-run leaves a lease
/// that runs out, and another node may then take the row over with a conditional update (as the outbox sender does).
/// An admin's "Run now" takes the day's row again once it has finished; <see cref="Attempts"/> counts the runs.
/// </summary>
public sealed class JobRun
{
    public const int JobMaxLength = 60;
    public const int NodeMaxLength = 200;
    public const int SummaryMaxLength = 1000;
    public const int ErrorMaxLength = 2000;

    private JobRun()
    {
    }

    public int Id { get; private set; }

    public string Job { get; private set; } = "";

    /// <summary>The business day the run is for.</summary>
    public DateOnly ScheduledFor { get; private set; }

    public JobTrigger Trigger { get; private set; }

    /// <summary>"system" for the schedule, else the admin's user name.</summary>
    public string TriggeredBy { get; private set; } = "";

    public JobRunStatus Status { get; private set; }

    /// <summary>The node that ran (or runs) it.</summary>
    public string Node { get; private set; } = "";

    public DateTime LeaseUntilUtc { get; private set; }

    public DateTime StartedAtUtc { get; private set; }

    public DateTime? FinishedAtUtc { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>What the run did, in one line (set when it succeeded).</summary>
    public string? Summary { get; private set; }

    /// <summary>Why it failed (set when it failed).</summary>
    public string? Error { get; private set; }

    public TimeSpan? Duration => FinishedAtUtc - StartedAtUtc;

    /// <summary>Is a node working on it now (its lease has not run out at <paramref name="nowUtc"/>)?</summary>
    public bool IsRunningAt(DateTime nowUtc) => Status == JobRunStatus.Running && LeaseUntilUtc >= nowUtc;

    public static JobRun Start(string job, DateOnly day, JobTrigger trigger, string triggeredBy, string node, DateTime nowUtc, TimeSpan lease)
    {
        if (string.IsNullOrWhiteSpace(job) || job.Length > JobMaxLength)
        {
            throw new DomainException($"A job name is 1 to {JobMaxLength} characters.", nameof(Job));
        }

        if (string.IsNullOrWhiteSpace(node))
        {
            throw new DomainException("The node running a job must be named.", nameof(Node));
        }

        if (lease <= TimeSpan.Zero)
        {
            throw new DomainException("A job's lease must be longer than zero.", nameof(LeaseUntilUtc));
        }

        return new JobRun
        {
            Job = job,
            ScheduledFor = day,
            Trigger = trigger,
            TriggeredBy = Truncate(triggeredBy, 256),
            Status = JobRunStatus.Running,
            Node = Truncate(node, NodeMaxLength),
            StartedAtUtc = nowUtc,
            LeaseUntilUtc = nowUtc + lease,
            Attempts = 1,
        };
    }

    internal static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
