using System.IO;

namespace Microsoft.SqlServer.Server
{
    /// <summary>Custom binary serialization for user-defined types and aggregates.</summary>
    public interface IBinarySerialize
    {
        void Read(BinaryReader r);

        void Write(BinaryWriter w);
    }
}
