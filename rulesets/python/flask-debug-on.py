from flask import Flask

app = Flask(__name__)
# ruleid: python.flask-debug-on
app.debug = True

if __name__ == "__main__":
    # ruleid: python.flask-debug-on
    app.run(host="0.0.0.0", debug=True)

# ok: python.flask-debug-on
app.run(host="127.0.0.1")

# ok: python.flask-debug-on
app.config["DEBUG"] = False
