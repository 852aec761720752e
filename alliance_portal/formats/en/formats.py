# English dates as the English PDF and a European newsroom write them: "8 October 2024",
# not Django's American "Oct. 8, 2024"; times on the 24-hour clock.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
