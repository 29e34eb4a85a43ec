using System;
using System.Runtime.Serialization;

namespace Microsoft.SqlServer.Server
{
    /// <summary>Thrown when a type is not a valid user-defined type.</summary>
    [Serializable]
    public sealed class InvalidUdtException : SystemException
    {
        private const int CorEUdt = unchecked((int)0x80131937);

        internal InvalidUdtException()
            : this("Invalid user-defined type.", null)
        {
        }

        internal InvalidUdtException(string message)
            : this(message, null)
        {
        }

        internal InvalidUdtException(string message, Exception innerException)
            : base(message, innerException)
        {
            HResult = CorEUdt;
        }

        private InvalidUdtException(SerializationInfo info, StreamingContext context)
            : base(info, context)
        {
        }

        /// <summary>Creates the exception for <paramref name="udtType"/> with the given reason.</summary>
        public static InvalidUdtException Create(Type udtType, string resourceReason)
        {
            string typeName = udtType == null ? "(null)" : udtType.FullName;
            return new InvalidUdtException($"'{typeName}' is an invalid user defined type, reason: {resourceReason}.");
        }

        public override void GetObjectData(SerializationInfo info, StreamingContext context)
        {
            base.GetObjectData(info, context);
        }
    }
}
