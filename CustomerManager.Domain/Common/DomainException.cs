namespace CustomerManager.Domain.Common;

/// <summary>
/// A business rule refused an action. <see cref="Exception.Message"/> is written for the person at the screen;
/// <see cref="Field"/> names the input it is about, when there is one, so forms can show it beside that field.
/// </summary>
public class DomainException(string message, string? field = null) : Exception(message)
{
    public string? Field { get; } = field;
}

/// <summary>
/// The record asked for does not exist (an unknown id or number). A <see cref="DomainException"/>, so forms show its
/// message; endpoints answer 404 and pages show "not found".
/// </summary>
public sealed class NotFoundException(string message) : DomainException(message);

/// <summary>
/// The signed-in user's roles or division limits do not allow the action or the read. Checked by services, whatever the
/// UI shows; endpoints answer 403 and pages show "not allowed".
/// </summary>
public sealed class AccessDeniedException(string message) : Exception(message);

/// <summary>Someone else saved the record after it was loaded; the user should reload it.</summary>
public sealed class ConcurrencyConflictException(string message) : DomainException(message);
