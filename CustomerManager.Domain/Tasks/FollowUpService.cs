using CustomerManager.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Domain.Tasks;

/// <summary>A task as listed: with the customer, the assignee's name, the related record's number and where it stands today.</summary>
public sealed record TaskView(
    FollowUpTask Task, string CustomerNumber, string CustomerName, string AssigneeName, string? LaybyNumber, string? AccountNumber,
    string? DivisionName, TaskStanding Standing);

/// <summary>A user a task can be given to.</summary>
public sealed record Assignee(string UserName, string DisplayName);

/// <summary>A layby or account of the customer a task can be about.</summary>
public sealed record RelatedRecord(int? LaybyId, int? DivisionAccountId, string Number, int DivisionId, string DivisionName)
{
    public string Key => LaybyId is { } l ? $"layby:{l}" : $"account:{DivisionAccountId}";
}

public enum TaskStatusFilter
{
    Open,
    Done,
    All,
}

/// <summary>The supervisors' task list: by assignee, status, overdue only, and the division of the related record.</summary>
public sealed record TaskQuery(string? AssigneeUserName = null, TaskStatusFilter Status = TaskStatusFilter.Open, bool OverdueOnly = false, int? DivisionId = null);

/// <summary>
/// Follow-up tasks (DOMAIN.md §8, issue 16): clerks, credit managers and admins create, edit, complete and reopen them;
/// accountants read them. A task about a layby or an account is in that record's division: users limited to other
/// divisions neither see nor change it, and it goes only to a user who works in that division. The home page lists
/// the user's own open tasks, overdue first; credit managers and admins see everyone's.
/// </summary>
public sealed class FollowUpService(ICustomerDbFactory dbFactory, ICurrentUser currentUser, BusinessTime clock)
{
    private static readonly string[] Writers = [Roles.Clerk, Roles.CreditManager, Roles.Admin];
    private static readonly string[] Supervisors = [Roles.CreditManager, Roles.Admin];

    public async Task<FollowUpTask> CreateAsync(int customerId, TaskInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        await RequireCustomerAsync(db, customerId, cancellationToken);
        var divisionId = await RelatedDivisionAsync(db, customerId, input, cancellationToken);
        await RequireAssigneeAsync(db, input.AssigneeUserName, divisionId, cancellationToken);
        var task = FollowUpTask.Create(customerId, input, divisionId, currentUser.UserName, clock.UtcNow, clock.Today);
        db.FollowUpTasks.Add(task);
        await db.SaveOrExplainAsync(cancellationToken);
        return task;
    }

    public async Task<FollowUpTask> EditAsync(int taskId, int version, TaskInput input, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var task = await ChangeableAsync(db, taskId, version, cancellationToken);
        var divisionId = await RelatedDivisionAsync(db, task.CustomerId, input, cancellationToken);
        await RequireAssigneeAsync(db, input.AssigneeUserName, divisionId, cancellationToken);
        task.Edit(input, divisionId, clock.UtcNow, clock.Today);
        await db.SaveOrExplainAsync(cancellationToken);
        return task;
    }

    public async Task<FollowUpTask> CompleteAsync(int taskId, int version, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var task = await ChangeableAsync(db, taskId, version, cancellationToken);
        task.Complete(currentUser.UserName, clock.UtcNow);
        await db.SaveOrExplainAsync(cancellationToken);
        return task;
    }

    public async Task<FollowUpTask> ReopenAsync(int taskId, int version, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var task = await ChangeableAsync(db, taskId, version, cancellationToken);
        task.Reopen();
        await db.SaveOrExplainAsync(cancellationToken);
        return task;
    }

    /// <summary>The signed-in user's open tasks: overdue first (oldest first), then due today, then upcoming.</summary>
    public async Task<IReadOnlyList<TaskView>> MineAsync(CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        var me = currentUser.UserName;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var tasks = Visible(db).Where(t => t.AssigneeUserName == me && !t.IsDone);
        return await ViewsAsync(db, tasks, 0, 200, cancellationToken);
    }

    /// <summary>A customer's tasks the user may see: open ones by due day, then done ones, newest first.</summary>
    public async Task<IReadOnlyList<TaskView>> ForCustomerAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await ViewsAsync(db, Visible(db).Where(t => t.CustomerId == customerId), 0, 500, cancellationToken);
    }

    /// <summary>Everyone's tasks, filtered, one page at a time (credit managers and admins).</summary>
    public async Task<Page<TaskView>> SearchAsync(TaskQuery query, int skip, int take, CancellationToken cancellationToken = default)
    {
        currentUser.Require(Supervisors);
        var today = clock.Today;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var tasks = Visible(db)
            .Where(t => query.AssigneeUserName == null || t.AssigneeUserName == query.AssigneeUserName)
            .Where(t => query.Status == TaskStatusFilter.All || t.IsDone == (query.Status == TaskStatusFilter.Done))
            .Where(t => !query.OverdueOnly || (!t.IsDone && t.DueDate < today))
            .Where(t => query.DivisionId == null || t.DivisionId == query.DivisionId);
        var total = await tasks.CountAsync(cancellationToken);
        return new Page<TaskView>(await ViewsAsync(db, tasks, Math.Max(0, skip), Math.Clamp(take, 1, 200), cancellationToken), total);
    }

    /// <summary>The users a task can go to: active, allowed to work on tasks, and working in the division (when there is one).</summary>
    public async Task<IReadOnlyList<Assignee>> AssigneesAsync(int? divisionId = null, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        return await EligibleUsers(db, divisionId).OrderBy(u => u.DisplayName).ThenBy(u => u.UserName)
            .Select(u => new Assignee(u.UserName!, u.DisplayName == "" ? u.UserName! : u.DisplayName))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The customer's accounts and laybys (newest first) in the user's divisions: what a task can be about.</summary>
    public async Task<IReadOnlyList<RelatedRecord>> RelatedRecordsAsync(int customerId, CancellationToken cancellationToken = default)
    {
        currentUser.Require([.. Roles.All]);
        var mine = currentUser.DivisionIds;
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        var accounts = await (from a in db.DivisionAccounts
                              join d in db.Divisions on a.DivisionId equals d.Id
                              where a.CustomerId == customerId && (mine == null || mine.Contains(a.DivisionId))
                              orderby d.Name, a.Id
                              select new RelatedRecord(null, a.Id, a.AccountNumber, d.Id, d.Name)).ToListAsync(cancellationToken);
        var laybys = await (from l in db.Laybys
                            join d in db.Divisions on l.DivisionId equals d.Id
                            where l.CustomerId == customerId && (mine == null || mine.Contains(l.DivisionId))
                            orderby l.Id descending
                            select new RelatedRecord(l.Id, null, l.LaybyNumber, d.Id, d.Name)).Take(50).ToListAsync(cancellationToken);
        return [.. accounts, .. laybys];
    }

    /// <summary>
    /// Creates a task for the automatic reminders only if no task with <paramref name="dedupeKey"/> exists; safe when two
    /// runs race (the unique key decides). Returns whether this call created it.
    /// </summary>
    public async Task<bool> CreateOnceAsync(
        string dedupeKey, int customerId, string assigneeUserName, string title, DateOnly due, int? laybyId, int? divisionAccountId,
        CancellationToken cancellationToken)
    {
        currentUser.Require(Writers);
        await using var db = await dbFactory.OpenAsync(cancellationToken);
        if (await db.FollowUpTasks.AnyAsync(t => t.DedupeKey == dedupeKey, cancellationToken))
        {
            return false;
        }

        await RequireCustomerAsync(db, customerId, cancellationToken);
        var input = new TaskInput(title, null, due, assigneeUserName, laybyId, divisionAccountId);
        var divisionId = await RelatedDivisionAsync(db, customerId, input, cancellationToken);
        await RequireAssigneeAsync(db, assigneeUserName, divisionId, cancellationToken);
        db.FollowUpTasks.Add(FollowUpTask.System(dedupeKey, customerId, input, divisionId, currentUser.UserName, clock.UtcNow, clock.Today));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            return false;
        }
    }

    /// <summary>Tasks in the divisions the user works in, and tasks about no division.</summary>
    private IQueryable<FollowUpTask> Visible(ICustomerDb db)
    {
        var mine = currentUser.DivisionIds;
        return db.FollowUpTasks.AsNoTracking().Where(t => mine == null || t.DivisionId == null || mine.Contains(t.DivisionId.Value));
    }

    private async Task<IReadOnlyList<TaskView>> ViewsAsync(ICustomerDb db, IQueryable<FollowUpTask> tasks, int skip, int take, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var rows = await (from t in tasks
                          join c in db.Customers on t.CustomerId equals c.Id
                          orderby t.IsDone, t.DueDate, t.Id
                          select new
                          {
                              Task = t,
                              c.CustomerNumber,
                              c.FullName,
                              LaybyNumber = db.Laybys.Where(l => l.Id == t.LaybyId).Select(l => l.LaybyNumber).FirstOrDefault(),
                              AccountNumber = db.DivisionAccounts.Where(a => a.Id == t.DivisionAccountId).Select(a => a.AccountNumber).FirstOrDefault(),
                              DivisionName = db.Divisions.Where(d => d.Id == t.DivisionId).Select(d => d.Name).FirstOrDefault(),
                          })
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        var names = await Users.UserNames.DisplayNamesAsync(db, rows.Select(r => r.Task.AssigneeUserName), cancellationToken);
        return rows.Select(r => new TaskView(r.Task, r.CustomerNumber, r.FullName, names.GetValueOrDefault(r.Task.AssigneeUserName, r.Task.AssigneeUserName),
            r.LaybyNumber, r.AccountNumber, r.DivisionName, r.Task.Standing(today))).ToList();
    }

    private async Task<FollowUpTask> ChangeableAsync(ICustomerDb db, int taskId, int version, CancellationToken cancellationToken)
    {
        var task = await db.FollowUpTasks.FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken)
            ?? throw new NotFoundException("That task does not exist.");
        if (task.DivisionId is { } divisionId)
        {
            currentUser.RequireDivision(divisionId);
        }

        Concurrency.EnsureVersion(task, version, "task");
        return task;
    }

    private static async Task RequireCustomerAsync(ICustomerDb db, int customerId, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            throw new NotFoundException("That customer does not exist.");
        }
    }

    /// <summary>The division of the task's layby or account, which must be the customer's and in the user's divisions.</summary>
    private async Task<int?> RelatedDivisionAsync(ICustomerDb db, int customerId, TaskInput input, CancellationToken cancellationToken)
    {
        int? divisionId = null;
        if (input.LaybyId is { } laybyId)
        {
            divisionId = await db.Laybys.Where(l => l.Id == laybyId && l.CustomerId == customerId).Select(l => (int?)l.DivisionId).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("That layby is not this customer's.", "Related");
        }
        else if (input.DivisionAccountId is { } accountId)
        {
            divisionId = await db.DivisionAccounts.Where(a => a.Id == accountId && a.CustomerId == customerId).Select(a => (int?)a.DivisionId).FirstOrDefaultAsync(cancellationToken)
                ?? throw new DomainException("That account is not this customer's.", "Related");
        }

        if (divisionId is { } id)
        {
            currentUser.RequireDivision(id);
        }

        return divisionId;
    }

    private static async Task RequireAssigneeAsync(ICustomerDb db, string? userName, int? divisionId, CancellationToken cancellationToken)
    {
        var name = userName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw new DomainException("Choose who is to do it.", "Assignee");
        }

        if (!await db.Users.AnyAsync(u => u.UserName == name && !u.IsDisabled, cancellationToken))
        {
            throw new DomainException($"{name} is not an active user.", "Assignee");
        }

        if (!await EligibleUsers(db, null).AnyAsync(u => u.UserName == name, cancellationToken))
        {
            throw new DomainException($"{name} cannot work on tasks: only clerks, credit managers and admins can.", "Assignee");
        }

        if (divisionId is { } id && !await EligibleUsers(db, id).AnyAsync(u => u.UserName == name, cancellationToken))
        {
            var division = await db.Divisions.Where(d => d.Id == id).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken);
            throw new DomainException($"{name} does not work in {division}, where this task's record is.", "Assignee");
        }
    }

    /// <summary>Active users with a role that works on tasks, who work in <paramref name="divisionId"/> (admins and unlimited users do).</summary>
    private static IQueryable<Users.ApplicationUser> EligibleUsers(ICustomerDb db, int? divisionId)
    {
        var workers = from ur in db.UserRoles
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.Name == Roles.Clerk || r.Name == Roles.CreditManager || r.Name == Roles.Admin
                      select ur.UserId;
        var admins = from ur in db.UserRoles
                     join r in db.Roles on ur.RoleId equals r.Id
                     where r.Name == Roles.Admin
                     select ur.UserId;
        return db.Users.AsNoTracking().Where(u => !u.IsDisabled && u.UserName != null && workers.Contains(u.Id)
            && (divisionId == null || admins.Contains(u.Id) || !db.UserDivisions.Any(d => d.UserId == u.Id)
                || db.UserDivisions.Any(d => d.UserId == u.Id && d.DivisionId == divisionId)));
    }
}
