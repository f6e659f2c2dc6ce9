from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from flask import Flask
from flask_cors import CORS

app = Flask(__name__)
# ruleid: python.cors-allow-all
CORS(app)

api = FastAPI()
# ruleid: python.cors-allow-all
api.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)

# ok: python.cors-allow-all
CORS(app, origins=["https://app.example.com"])

# ok: python.cors-allow-all
api.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com"])
