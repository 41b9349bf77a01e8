package fr.essaim.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.store.ByteArrayDataInput;
import org.apache.lucene.store.ByteBuffersDataOutput;
import org.apache.lucene.util.BytesRef;

/**
 * What a hit of a page shows, and the body its snippet is cut from, in one binary doc value per
 * sheet. Doc values are read where they lie: reading a page's hits from the compressed stored
 * fields decompressed a block of several sheets' bodies for each hit, a fifth of a search's cost.
 */
record HitRecord(String slug, String kind, String title, String summary, List<String> themeCodes,
        List<String> territoryKeys, long updated, String body) {

    BinaryDocValuesField field() {
        ByteBuffersDataOutput out = new ByteBuffersDataOutput();
        try {
            out.writeString(slug);
            out.writeString(kind);
            out.writeString(title);
            out.writeString(summary);
            writeList(out, themeCodes);
            writeList(out, territoryKeys);
            out.writeLong(updated);
            out.writeString(body);
        } catch (IOException e) {
            throw new IllegalStateException("écriture en mémoire", e);
        }
        return new BinaryDocValuesField(IndexSchema.HIT_RECORD, new BytesRef(out.toArrayCopy()));
    }

    private static void writeList(ByteBuffersDataOutput out, List<String> values) throws IOException {
        out.writeVInt(values.size());
        for (String value : values) {
            out.writeString(value);
        }
    }

    static HitRecord of(BytesRef bytes) throws IOException {
        ByteArrayDataInput in = new ByteArrayDataInput(bytes.bytes, bytes.offset, bytes.length);
        return new HitRecord(in.readString(), in.readString(), in.readString(), in.readString(), readList(in),
                readList(in), in.readLong(), in.readString());
    }

    private static List<String> readList(ByteArrayDataInput in) throws IOException {
        int size = in.readVInt();
        List<String> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(in.readString());
        }
        return List.copyOf(values);
    }

    /** A hit read from stored fields (the alerts' search among given sheets), without its body. */
    static HitRecord of(Document doc) {
        String summary = doc.get(IndexSchema.SUMMARY);
        return new HitRecord(doc.get(IndexSchema.SLUG), doc.get(IndexSchema.KIND), doc.get(IndexSchema.TITLE),
                summary == null ? "" : summary, List.of(doc.getValues(IndexSchema.THEME_CODE)),
                List.of(doc.getValues(IndexSchema.TERRITORY_KEY)), doc.getField(IndexSchema.UPDATED).numericValue().longValue(),
                "");
    }

    /** The records of these documents of the reader, in the order given: every document of this index version has one. */
    static HitRecord[] read(IndexReader reader, int[] ids) throws IOException {
        HitRecord[] records = new HitRecord[ids.length];
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            order[i] = i;
        }
        // Doc values are read forward only: in document order, one iterator per segment.
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(ids[a], ids[b]));
        List<LeafReaderContext> leaves = reader.leaves();
        int leafOrd = -1;
        BinaryDocValues values = null;
        LeafReaderContext leaf = null;
        for (int i : order) {
            int ord = ReaderUtil.subIndex(ids[i], leaves);
            if (ord != leafOrd) {
                leafOrd = ord;
                leaf = leaves.get(ord);
                values = DocValues.getBinary(leaf.reader(), IndexSchema.HIT_RECORD);
            }
            int doc = ids[i] - leaf.docBase;
            if (!values.advanceExact(doc)) {
                throw new IOException("document " + ids[i] + " de l'index sans " + IndexSchema.HIT_RECORD);
            }
            records[i] = of(values.binaryValue());
        }
        return records;
    }
}
