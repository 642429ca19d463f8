# Generated from ui/main_window.ui by scripts/compile_forms.py - do not edit; edit the form and recompile.
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QMainWindow,
    QPushButton, QSizePolicy, QSpacerItem, QStackedWidget,
    QStatusBar, QTableView, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow):
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1200, 760)
        self.centralWidget = QWidget(MainWindow)
        self.centralWidget.setObjectName(u"centralWidget")
        self.centralLayout = QVBoxLayout(self.centralWidget)
        self.centralLayout.setObjectName(u"centralLayout")
        self.pages = QStackedWidget(self.centralWidget)
        self.pages.setObjectName(u"pages")
        self.emptyPage = QWidget()
        self.emptyPage.setObjectName(u"emptyPage")
        self.emptyLayout = QVBoxLayout(self.emptyPage)
        self.emptyLayout.setObjectName(u"emptyLayout")
        self.emptyTopSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyTopSpacer)

        self.emptyTitle = QLabel(self.emptyPage)
        self.emptyTitle.setObjectName(u"emptyTitle")
        self.emptyTitle.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.emptyLayout.addWidget(self.emptyTitle)

        self.emptyHint = QLabel(self.emptyPage)
        self.emptyHint.setObjectName(u"emptyHint")
        self.emptyHint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.emptyHint.setWordWrap(True)

        self.emptyLayout.addWidget(self.emptyHint)

        self.loadDemoButton = QPushButton(self.emptyPage)
        self.loadDemoButton.setObjectName(u"loadDemoButton")

        self.emptyLayout.addWidget(self.loadDemoButton, 0, Qt.AlignmentFlag.AlignHCenter)

        self.emptyBottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.emptyLayout.addItem(self.emptyBottomSpacer)

        self.pages.addWidget(self.emptyPage)
        self.casesPage = QWidget()
        self.casesPage.setObjectName(u"casesPage")
        self.casesLayout = QVBoxLayout(self.casesPage)
        self.casesLayout.setObjectName(u"casesLayout")
        self.filterBar = QHBoxLayout()
        self.filterBar.setObjectName(u"filterBar")
        self.searchEdit = QLineEdit(self.casesPage)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.filterBar.addWidget(self.searchEdit)

        self.statusFilter = QComboBox(self.casesPage)
        self.statusFilter.setObjectName(u"statusFilter")

        self.filterBar.addWidget(self.statusFilter)

        self.jurisdictionFilter = QComboBox(self.casesPage)
        self.jurisdictionFilter.setObjectName(u"jurisdictionFilter")

        self.filterBar.addWidget(self.jurisdictionFilter)


        self.casesLayout.addLayout(self.filterBar)

        self.caseTable = QTableView(self.casesPage)
        self.caseTable.setObjectName(u"caseTable")
        self.caseTable.setAlternatingRowColors(True)
        self.caseTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.caseTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.caseTable.setSortingEnabled(True)

        self.casesLayout.addWidget(self.caseTable)

        self.pages.addWidget(self.casesPage)

        self.centralLayout.addWidget(self.pages)

        MainWindow.setCentralWidget(self.centralWidget)
        self.statusBar = QStatusBar(MainWindow)
        self.statusBar.setObjectName(u"statusBar")
        MainWindow.setStatusBar(self.statusBar)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow):
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"Lumetra Desk", None))
        self.emptyTitle.setText(QCoreApplication.translate("MainWindow", u"No cases yet", None))
        self.emptyHint.setText(QCoreApplication.translate("MainWindow", u"Requests that arrive at the privacy mailbox become cases here. To look around first, load a set of realistic demo cases.", None))
        self.loadDemoButton.setText(QCoreApplication.translate("MainWindow", u"Load demo data", None))
#if QT_CONFIG(accessibility)
        self.loadDemoButton.setAccessibleName(QCoreApplication.translate("MainWindow", u"Load demo data", None))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Search messages and notes, or type a case key (Ctrl+F)", None))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("MainWindow", u"Search cases", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.statusFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Filter by status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.jurisdictionFilter.setAccessibleName(QCoreApplication.translate("MainWindow", u"Filter by jurisdiction", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.caseTable.setAccessibleName(QCoreApplication.translate("MainWindow", u"Cases", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
