# Generated from ui/dashboard.ui by scripts/compile_forms.py - do not edit; edit the form and recompile.
# -*- coding: utf-8 -*-

################################################################################
##
##
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QGridLayout, QHeaderView,
    QLabel, QPushButton, QSizePolicy, QTableView,
    QVBoxLayout, QWidget)

class Ui_DashboardView(object):
    def setupUi(self, DashboardView):
        if not DashboardView.objectName():
            DashboardView.setObjectName(u"DashboardView")
        self.dashboardLayout = QVBoxLayout(DashboardView)
        self.dashboardLayout.setObjectName(u"dashboardLayout")
        self.todayLabel = QLabel(DashboardView)
        self.todayLabel.setObjectName(u"todayLabel")

        self.dashboardLayout.addWidget(self.todayLabel)

        self.countGrid = QGridLayout()
        self.countGrid.setObjectName(u"countGrid")
        self.overdueButton = QPushButton(DashboardView)
        self.overdueButton.setObjectName(u"overdueButton")
        self.overdueButton.setMinimumSize(QSize(150, 72))

        self.countGrid.addWidget(self.overdueButton, 0, 0, 1, 1)

        self.todayButton = QPushButton(DashboardView)
        self.todayButton.setObjectName(u"todayButton")
        self.todayButton.setMinimumSize(QSize(150, 72))

        self.countGrid.addWidget(self.todayButton, 0, 1, 1, 1)

        self.weekButton = QPushButton(DashboardView)
        self.weekButton.setObjectName(u"weekButton")
        self.weekButton.setMinimumSize(QSize(150, 72))

        self.countGrid.addWidget(self.weekButton, 0, 2, 1, 1)

        self.awaitingButton = QPushButton(DashboardView)
        self.awaitingButton.setObjectName(u"awaitingButton")
        self.awaitingButton.setMinimumSize(QSize(150, 72))

        self.countGrid.addWidget(self.awaitingButton, 0, 3, 1, 1)

        self.reviewButton = QPushButton(DashboardView)
        self.reviewButton.setObjectName(u"reviewButton")
        self.reviewButton.setMinimumSize(QSize(150, 72))

        self.countGrid.addWidget(self.reviewButton, 0, 4, 1, 1)


        self.dashboardLayout.addLayout(self.countGrid)

        self.upcomingLabel = QLabel(DashboardView)
        self.upcomingLabel.setObjectName(u"upcomingLabel")

        self.dashboardLayout.addWidget(self.upcomingLabel)

        self.upcomingTable = QTableView(DashboardView)
        self.upcomingTable.setObjectName(u"upcomingTable")
        self.upcomingTable.setAlternatingRowColors(True)
        self.upcomingTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.upcomingTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.upcomingTable.setWordWrap(False)

        self.dashboardLayout.addWidget(self.upcomingTable)


        self.retranslateUi(DashboardView)

        QMetaObject.connectSlotsByName(DashboardView)
    # setupUi

    def retranslateUi(self, DashboardView):
        self.todayLabel.setText(QCoreApplication.translate("DashboardView", u"Today", None))
#if QT_CONFIG(accessibility)
        self.overdueButton.setAccessibleName(QCoreApplication.translate("DashboardView", u"Overdue cases", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.overdueButton.setToolTip(QCoreApplication.translate("DashboardView", u"Open cases whose deadline has passed (Alt+1)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.todayButton.setAccessibleName(QCoreApplication.translate("DashboardView", u"Cases due today", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.todayButton.setToolTip(QCoreApplication.translate("DashboardView", u"Open cases due today (Alt+2)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.weekButton.setAccessibleName(QCoreApplication.translate("DashboardView", u"Cases due within 7 days", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.weekButton.setToolTip(QCoreApplication.translate("DashboardView", u"Open cases due within the next 7 days (Alt+3)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.awaitingButton.setAccessibleName(QCoreApplication.translate("DashboardView", u"Cases awaiting the requester", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.awaitingButton.setToolTip(QCoreApplication.translate("DashboardView", u"Cases waiting for the requester to answer (Alt+4)", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.reviewButton.setAccessibleName(QCoreApplication.translate("DashboardView", u"New mail to review", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.reviewButton.setToolTip(QCoreApplication.translate("DashboardView", u"Mail waiting for review in Intake review (Alt+5)", None))
#endif // QT_CONFIG(tooltip)
        self.upcomingLabel.setText(QCoreApplication.translate("DashboardView", u"Next deadlines (open cases, soonest first; Enter opens the case)", None))
#if QT_CONFIG(accessibility)
        self.upcomingTable.setAccessibleName(QCoreApplication.translate("DashboardView", u"Next deadlines", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
