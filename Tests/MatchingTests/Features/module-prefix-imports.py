# `import P` names every import of P or a module under it, `from` imports included; a
# relative module is never the absolute one (semgrep).
# ruleid: uses-xml-package
import xml
# ruleid: uses-xml-package, uses-minidom
import xml.dom.minidom as md
# ruleid: uses-xml-package
from xml.sax import handler
# ruleid: uses-xml-package
import os, xml.etree
# ok: uses-xml-package
import xmlrpc
# ok: uses-xml-package
from .xml import parser
# ok: uses-xml-package
import lxml.xml
# ruleid: uses-xml-package, uses-minidom
from xml.dom import minidom
# ruleid: uses-xml-package
from xml.dom import pulldom
