"""The Data page: import, history, demo, delete."""
STRINGS = {
    "data.title": {"en": "Data", "ja": "データ"},
    "data.how_to_read": {
        "en": "Import CSV exports from your shop, POS and survey tools; every import can be undone.",
        "ja": "ショップ・POS・アンケートの CSV を取り込みます。取り込みはいつでも取り消せます。"},
    "data.loaded": {"en": "What is loaded", "ja": "読み込み済みのデータ"},
    "data.customers": {"en": "Customers", "ja": "顧客"},
    "data.orders": {"en": "Orders", "ja": "注文"},
    "data.revenue": {"en": "Revenue", "ja": "売上"},
    "data.responses": {"en": "Survey responses", "ja": "アンケート回答"},
    "data.referrals": {"en": "Referrals", "ja": "紹介"},
    "data.history": {"en": "Import history", "ja": "取り込み履歴"},
    "data.history_empty": {"en": "Nothing imported yet.", "ja": "まだ取り込みはありません。"},
    "data.demo": {"en": "Demo data", "ja": "デモデータ"},
    "data.demo_help": {
        "en": "Replace everything with the built-in demo shop (5,000 customers, 24 months).",
        "ja": "すべてのデータを組み込みのデモ店舗（顧客 5,000 人・24 か月分）に置き換えます。"},
    "data.load_demo": {"en": "Load demo data", "ja": "デモデータを読み込む"},
    "data.demo_loaded": {"en": "Demo data loaded.", "ja": "デモデータを読み込みました。"},
    "data.danger": {"en": "Delete all data", "ja": "すべてのデータを削除"},
    "data.delete_confirm": {"en": "I understand this deletes every customer, order and response.",
                            "ja": "すべての顧客・注文・回答が削除されることを理解しました。"},
    "data.delete": {"en": "Delete all data", "ja": "すべて削除する"},
    "data.deleted": {"en": "All data deleted.", "ja": "すべてのデータを削除しました。"},
}
