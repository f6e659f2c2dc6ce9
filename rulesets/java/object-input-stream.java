import java.beans.XMLDecoder;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;

class Restore {
    Object read(InputStream body) throws Exception {
        ObjectInputStream in = new ObjectInputStream(body);
        // ruleid: java.object-input-stream
        return in.readObject();
    }

    Object readXml(InputStream body) {
        // ruleid: java.object-input-stream
        XMLDecoder decoder = new XMLDecoder(body);
        return decoder.readObject();
    }

    Object readFiltered(InputStream body) throws Exception {
        ObjectInputStream in = new ObjectInputStream(body);
        in.setObjectInputFilter(ObjectInputFilter.Config.createFilter("com.example.Order;!*"));
        // ok: java.object-input-stream
        return in.readObject();
    }

    int readByte(InputStream body) throws Exception {
        // ok: java.object-input-stream
        return body.read();
    }
}
